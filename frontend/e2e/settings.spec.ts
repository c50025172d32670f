import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { asUser, expectAccessibleBothThemes, expectFitsPhone, freshUser } from './daily';
import { logIn } from './helpers';

test('calendar link copied and regenerated; a webhook added, its deliveries, its secret rotated', async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(60_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const user = await freshUser(page, request, 'set');
  const api = asUser(request, user.access);
  await page.goto('/settings');
  const calendar = page.getByRole('region', { name: 'Calendar feed' });
  const { url } = await api.get<{ url: string }>('/api/integrations/calendar/');
  await expect(calendar.getByRole('textbox', { name: 'Feed link' })).toHaveValue(url);
  await calendar.getByRole('button', { name: 'Copy link' }).click();
  await expect(calendar.getByRole('status')).toHaveText('Link copied.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  await calendar.getByRole('button', { name: 'Regenerate' }).click();
  await expect(calendar.getByRole('status')).toContainText('A new link is ready');
  await expect(calendar.getByRole('textbox', { name: 'Feed link' })).not.toHaveValue(url);

  const hooks = page.getByRole('region', { name: 'Webhooks' });
  await hooks.getByRole('textbox', { name: 'Endpoint URL' }).fill('https://93.184.216.34/mysphere');
  await hooks.getByRole('textbox', { name: 'Description' }).fill('n8n');
  await hooks.getByRole('button', { name: 'Add webhook' }).click();
  const secret = hooks.getByRole('alert').filter({ hasText: 'Signing secret' });
  await expect(secret).toContainText('whsec_');
  const first = await secret.locator('pre').innerText();
  const hook = hooks.getByRole('list', { name: 'Webhooks' }).getByRole('listitem');
  await expect(hook).toContainText('https://93.184.216.34/mysphere');
  await hook.getByRole('button', { name: 'Rotate secret' }).click();
  await expect(secret.locator('pre')).not.toHaveText(first);
  await hook.getByRole('button', { name: 'Deliveries' }).click();
  const deliveries = page.getByRole('dialog', { name: 'Deliveries' });
  await expect(deliveries).toContainText('Nothing sent yet.');
  await expectAccessibleBothThemes(page);
  await page.keyboard.press('Escape');
  await expectAccessibleBothThemes(page);
  await expectFitsPhone(page);
});

test('export my data as one JSON file', async ({ page, request }) => {
  const user = await freshUser(page, request, 'set');
  await page.goto('/settings');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export my data' }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toMatch(/^mysphere-export-\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(readFileSync((await file.path())!, 'utf8'));
  expect(data.features.users.users[0].username).toBe(user.username);
});

test('change the password: logged out everywhere, in again with the new one', async ({
  page,
  request,
}) => {
  const user = await freshUser(page, request, 'set');
  await page.goto('/settings');
  const section = page.getByRole('region', { name: 'Password', exact: true });
  await section.getByRole('textbox', { name: 'Current password' }).fill(user.password);
  await section.getByRole('textbox', { name: 'New password' }).fill('Another-Sphere-Pass-77');
  await section.getByRole('button', { name: 'Change password and log out everywhere' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await logIn(page, user.username, 'Another-Sphere-Pass-77');
});

test('delete my account: the password asked, what is erased said, then gone', async ({
  page,
  request,
}) => {
  test.setTimeout(60_000);
  const user = await freshUser(page, request, 'set');
  await page.goto('/settings');
  await page.getByRole('button', { name: 'Delete my account' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete my account' });
  await expect(dialog).toContainText('every expense, budget, subscription, task, list and loan');
  await expectAccessibleBothThemes(page);
  await dialog.getByRole('textbox', { name: 'Password' }).fill('not-my-password');
  await dialog.getByRole('button', { name: 'Delete my account for good' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Password' })).toHaveAccessibleDescription(/.+/);
  await dialog.getByRole('textbox', { name: 'Password' }).fill(user.password);
  await dialog.getByRole('button', { name: 'Delete my account for good' }).click();
  await expect(page).toHaveURL(/\/login$/);
  const login = await request.post('/api/users/login/', {
    data: { username: user.username, password: user.password },
  });
  expect(login.status()).toBe(401);
});

test('log out everywhere: confirmed, then another browser is sent to sign in', async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(60_000);
  const user = await freshUser(page, request, 'set');
  const other = await browser.newContext();
  const phone = await other.newPage();
  await logIn(phone, user.username, user.password);

  await page.goto('/settings');
  const sessions = page.getByRole('region', { name: 'Sessions' });
  await sessions.getByRole('button', { name: 'Log out everywhere' }).click();
  const dialog = page.getByRole('dialog', { name: 'Log out everywhere?' });
  await expectAccessibleBothThemes(page);
  await dialog.getByRole('button', { name: 'Log out everywhere' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();

  // The other browser's next call is refused, and so is its refresh: to sign in.
  await phone
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'To-dos' })
    .click();
  await expect(phone).toHaveURL(/\/login$/);
  await expect(phone.getByRole('button', { name: 'Log in' })).toBeVisible();
  const refresh = await other.request.post('/api/users/token/refresh/', {
    headers: { 'X-MySphere-Client': 'web' },
  });
  expect(refresh.status()).toBe(401);
  await other.close();
});
