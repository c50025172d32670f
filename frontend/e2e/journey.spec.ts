import { expect, test } from '@playwright/test';
import { PASSWORD } from './helpers';

// The "done when": register, sign in, Quick add an expense and a task, see them on
// Home, reload and stay signed in, no token where JavaScript can read it, log out.
test('a new person registers, quick-adds, reloads and logs out', async ({ page, baseURL }) => {
  const username = `journey${Date.now()}`;
  const elsewhere: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).origin !== new URL(baseURL!).origin) elsewhere.push(request.url());
  });
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await page.getByRole('link', { name: 'Create an account' }).click();
  // The sign-in form stays on screen until the register screen's code has arrived, and
  // its "Username or email" box would take the name: wait for the new screen.
  await expect(page.getByRole('heading', { level: 1, name: 'Create an account' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Username', exact: true }).fill(username);
  await page.getByRole('textbox', { name: 'Email' }).fill(`${username}@example.com`);
  await page.getByRole('textbox', { name: 'Password' }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();

  await page.getByRole('button', { name: 'Quick add' }).click();
  const dialog = page.getByRole('dialog', { name: 'Quick add' });
  await dialog.getByRole('textbox', { name: 'Quick add' }).fill('coffee 4.50 at Starbucks');
  await dialog.getByRole('button', { name: 'Add' }).click();
  await expect(dialog.getByRole('table', { name: 'What I understood' })).toContainText('$4.50');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog.getByRole('status')).toContainText(/done|logged|added/i);

  await dialog
    .getByRole('textbox', { name: 'Quick add' })
    .fill('remind me to water the plants today');
  await dialog.getByRole('button', { name: 'Add' }).click();
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog.getByRole('status')).toContainText(/water the plants/i);
  await page.keyboard.press('Escape');

  await expect(page.getByRole('region', { name: 'Recent expenses' })).toContainText('Starbucks');
  await expect(page.getByRole('region', { name: 'Recent expenses' })).toContainText('$4.50');
  await expect(page.getByRole('region', { name: 'Today' })).toContainText(/water the plants/i);

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Recent expenses' })).toContainText('Starbucks');

  const stored = await page.evaluate(() => ({
    local: JSON.stringify({ ...localStorage }),
    session: JSON.stringify({ ...sessionStorage }),
    cookie: document.cookie,
  }));
  for (const place of Object.values(stored)) expect(place).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
  const cookies = await page.context().cookies();
  const refresh = cookies.find((c) => c.name === 'mysphere_refresh');
  expect(refresh?.httpOnly).toBe(true);
  expect(refresh?.sameSite).toBe('Strict');

  await page.getByRole('button', { name: 'Account' }).click();
  await page.getByRole('menuitem', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.reload();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  expect(elsewhere, 'nothing is loaded from another origin').toEqual([]);
});
