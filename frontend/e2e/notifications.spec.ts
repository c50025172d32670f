import { expect, test } from '@playwright/test';
import { asUser, expectAccessibleBothThemes, expectFitsPhone } from './daily';
import { logIn, newUser } from './helpers';

test('the centre: unread first, a link to the object, mark all read, preferences per kind', async ({
  page,
  request,
}) => {
  test.setTimeout(60_000);
  const owner = await newUser(request, 'owner');
  const me = await newUser(request, 'notes');
  const ownerApi = asUser(request, owner.access);
  const list = await ownerApi.post<{ list_id: number }>('/api/lists/', { name: 'Party food' });
  await ownerApi.post(`/api/lists/${list.list_id}/share/`, {
    username: me.username,
    permission: 'edit',
  });
  await logIn(page, me.username, me.password);

  await page.getByRole('button', { name: 'Notifications, 1 unread' }).click();
  const shared = page.getByRole('link', { name: /Party food/ });
  await expect(shared).toBeVisible();
  await expectAccessibleBothThemes(page);
  await shared.click();
  await expect(page).toHaveURL(new RegExp(`/lists/${list.list_id}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Party food' })).toBeVisible();

  await page.getByRole('button', { name: /^Notifications/ }).click();
  await page.getByRole('link', { name: 'All notifications and preferences' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const centre = page.getByRole('list', { name: 'Notifications' });
  await expect(centre.getByRole('listitem').first()).toContainText('Unread');
  await page.getByRole('main').getByRole('button', { name: 'Mark all read' }).click();
  await expect(centre).not.toContainText('Unread');
  await expect(page.getByRole('button', { name: 'Notifications', exact: true })).toBeVisible();

  await page.getByRole('combobox', { name: 'Overdue tasks' }).selectOption('Daily digest');
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  const prefs = await asUser(request, me.access).get<Record<string, string>>(
    '/api/integrations/notifications/preferences/',
  );
  expect(prefs.todo_overdue).toBe('digest');
  await expectAccessibleBothThemes(page);
  await expectFitsPhone(page);
});
