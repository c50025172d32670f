import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { asUser, expectAccessibleBothThemes, freshUser } from './daily';

test('offline, two expenses by Quick add wait on the device; online, exactly two exist', async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(60_000);
  const user = await freshUser(page, request, 'offline');
  const api = asUser(request, user.access);
  await page.getByRole('button', { name: 'Quick add' }).click();
  const dialog = page.getByRole('dialog', { name: 'Quick add' });
  const box = dialog.getByRole('textbox', { name: 'Quick add' });

  await context.setOffline(true);
  for (const text of ['coffee 4.50 at Starbucks', 'lunch 12 at Chipotle']) {
    await box.fill(text);
    await dialog.getByRole('button', { name: 'Add' }).click();
    await expect(dialog.getByRole('status')).toHaveText(
      'Offline: kept on this device and sent when you are back online.',
    );
  }
  const waiting = dialog.getByRole('list', { name: 'Saved on this device' });
  await expect(waiting.getByRole('listitem')).toHaveCount(2);
  await expect(waiting.getByRole('listitem').first()).toContainText('Waiting to sync');
  await expectAccessibleBothThemes(page);

  await context.setOffline(false);
  await expect(waiting).toBeHidden({ timeout: 15_000 });
  const expenses = await api.get<{ count: number; results: { amount: string }[] }>(
    '/api/expenses/',
  );
  expect(expenses.results.map((e) => e.amount).sort()).toEqual(['12.00', '4.50']);
});

test('a task added offline waits, then appears once the connection returns', async ({
  page,
  context,
  request,
}) => {
  await freshUser(page, request, 'offline');
  await page.goto('/todos');
  await page.getByRole('tab', { name: 'All' }).click();
  await context.setOffline(true);
  await page.getByRole('textbox', { name: 'Add a task' }).fill('Buy stamps');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const waiting = page.getByRole('list', { name: 'Saved on this device' });
  await expect(waiting).toContainText('Buy stamps');
  await expect(waiting).toContainText('Waiting to sync');
  await context.setOffline(false);
  await expect(page.getByRole('checkbox', { name: 'Buy stamps' })).toBeVisible({ timeout: 15_000 });
  await expect(waiting).toBeHidden();
});

// A retry after a lost answer must not write twice: that needs the server to honour the
// Idempotency-Key (issue 22); until its schema documents the header, this test waits.
const schema = readFileSync(new URL('../src/api/openapi.yml', import.meta.url), 'utf8');
const serverHonoursKeys = schema.includes('Idempotency-Key');

test('an answer lost on the way: the retry carries the same key and writes nothing twice', async ({
  page,
  request,
}) => {
  test.skip(!serverHonoursKeys, 'the server does not honour Idempotency-Key yet (issue 22)');
  const user = await freshUser(page, request, 'offline');
  await page.goto('/todos');
  await page.getByRole('tab', { name: 'All' }).click();
  let attempts = 0;
  await page.route('**/api/todos/parse_text/', async (route) => {
    // Only the adds count: the preview's dry runs while typing come and go with timing.
    const body = route.request().postDataJSON() as { dry_run?: boolean } | null;
    if (route.request().method() !== 'POST' || body?.dry_run) return route.fallback();
    attempts += 1;
    if (attempts > 1) return route.fallback();
    await route.fetch(); // the server does it...
    await route.abort('connectionreset'); // ...but the answer never arrives
  });
  await page.getByRole('textbox', { name: 'Add a task' }).fill('Renew the car insurance');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  // Kept on the device, sent again at once under the same key, and then gone from the queue.
  await expect.poll(() => attempts).toBe(2);
  await expect(page.getByRole('list', { name: 'Saved on this device' })).toBeHidden();
  await expect(page.getByRole('checkbox', { name: 'Renew the car insurance' })).toHaveCount(1);
  const tasks = await asUser(request, user.access).get<{ count: number }>(
    '/api/todos/?search=insurance',
  );
  expect(tasks.count).toBe(1);
});
