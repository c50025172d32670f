import { expect, test } from '@playwright/test';
import { logIn, newUser } from './helpers';

test('sign in by keyboard alone, with a visible focus', async ({ page, request }) => {
  const user = await newUser(request, 'keys');
  await page.goto('/login');
  await page.getByRole('textbox', { name: 'Username or email' }).focus();
  await page.keyboard.type(user.username);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: 'Password' })).toBeFocused();
  await page.keyboard.type(user.password);
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
});

test('a wrong password is said on the form, and the account is untouched', async ({
  page,
  request,
}) => {
  const user = await newUser(request, 'wrong');
  await page.goto('/login');
  await page.getByRole('textbox', { name: 'Username or email' }).fill(user.username);
  await page.getByRole('textbox', { name: 'Password' }).fill('not-the-password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toContainText(/credentials|account/i);
  await logIn(page, user.username, user.password);
});

test('Settings: the profile is saved on the server and shapes the money on Home', async ({
  page,
  request,
}) => {
  const user = await newUser(request, 'prefs');
  await logIn(page, user.username, user.password);
  await page.getByRole('button', { name: 'Account' }).click();
  await page.getByRole('menuitem', { name: 'Settings' }).click();
  await page.getByRole('textbox', { name: 'Display name' }).fill('Robin');
  await page.getByRole('combobox', { name: 'Currency' }).fill('EUR');
  await page.getByRole('option', { name: 'EUR' }).click();
  await expect(page.getByRole('combobox', { name: 'Time zone' })).toHaveValue('UTC');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  const me = await (
    await request.get('/api/users/me/', { headers: { Authorization: `Bearer ${user.access}` } })
  ).json();
  expect(me.profile).toMatchObject({ display_name: 'Robin', currency: 'EUR' });

  await page.getByRole('button', { name: 'Quick add' }).click();
  const dialog = page.getByRole('dialog', { name: 'Quick add' });
  await dialog.getByRole('textbox', { name: 'Quick add' }).fill('lunch 12 at Subway');
  await dialog.getByRole('button', { name: 'Add' }).click();
  await expect(dialog.getByRole('table', { name: 'What I understood' })).toContainText('€12.00');
});
