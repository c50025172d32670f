import { expect, test } from '@playwright/test';
import { apiGet, apiToken, DEMO, logIn, usd } from './helpers';

interface Dashboard {
  spending: {
    currency: string;
    spent: string;
    budget: string | null;
    safe_to_spend_per_day: string | null;
  }[];
  budget_watch: { category: string; currency: string; spent: string; available: string }[];
  renewals: { name: string; amount: string; currency: string }[];
  agenda: { counts: Record<string, number>; tasks: { title: string }[] };
  lending: {
    balances: { currency: string; lent_outstanding: string; borrowed_outstanding: string }[];
  };
  recent_expenses: { amount: string; currency: string; vendor: string }[];
}

test('every figure on Home equals the API’s, from at most 3 API requests', async ({
  page,
  request,
}) => {
  await logIn(page, DEMO.username, DEMO.password);
  const token = await apiToken(request, DEMO.username, DEMO.password);
  const api = await apiGet<Dashboard>(request, '/api/dashboard/', token);

  const region = (name: string) => page.getByRole('region', { name });
  for (const row of api.spending) {
    await expect(region('Spending')).toContainText(usd(row.spent, row.currency));
    if (row.budget) await expect(region('Spending')).toContainText(usd(row.budget, row.currency));
    if (row.safe_to_spend_per_day)
      await expect(region('Spending')).toContainText(usd(row.safe_to_spend_per_day, row.currency));
  }
  for (const row of api.budget_watch) {
    await expect(region('Budget')).toContainText(row.category);
    await expect(region('Budget')).toContainText(
      `${usd(row.spent, row.currency)} / ${usd(row.available, row.currency)}`,
    );
  }
  for (const row of api.renewals) {
    await expect(region('Renewals')).toContainText(row.name);
    await expect(region('Renewals')).toContainText(usd(row.amount, row.currency));
  }
  await expect(region('Today')).toContainText(`${api.agenda.counts.overdue ?? 0} overdue`);
  for (const task of api.agenda.tasks) await expect(region('Today')).toContainText(task.title);
  for (const row of api.lending.balances) {
    await expect(region('Loans')).toContainText(usd(row.lent_outstanding, row.currency));
    await expect(region('Loans')).toContainText(usd(row.borrowed_outstanding, row.currency));
  }
  for (const row of api.recent_expenses)
    await expect(region('Recent expenses')).toContainText(usd(row.amount, row.currency));
  await expect(page.getByRole('figure', { name: 'Spending against the budget' })).toBeVisible();

  const apiCalls: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/')) apiCalls.push(new URL(r.url()).pathname);
  });
  await page.reload();
  await expect(region('Recent expenses')).toContainText(usd(api.recent_expenses[0]!.amount));
  await page.waitForLoadState('networkidle');
  expect(apiCalls.length, apiCalls.join(', ')).toBeLessThanOrEqual(3);
});

test('every Home card links to its feature and the shell names every feature', async ({ page }) => {
  await logIn(page, DEMO.username, DEMO.password);
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const name of [
    'Home',
    'Expenses',
    'Budgets',
    'Subscriptions',
    'To-dos',
    'Lists',
    'Lending',
    'Assistant',
  ]) {
    await expect(nav.getByRole('link', { name })).toBeVisible();
  }
  await page
    .getByRole('region', { name: 'Renewals' })
    .getByRole('link', { name: 'Subscriptions' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Subscriptions' })).toBeVisible();
  await nav.getByRole('link', { name: 'Home' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
});

test('keyboard alone: Ctrl+K opens Quick add, Escape closes it, focus returns', async ({
  page,
  request,
}) => {
  const user = await (await import('./helpers')).newUser(request, 'kbd');
  await logIn(page, user.username, user.password);
  await page.keyboard.press('Control+k');
  const dialog = page.getByRole('dialog', { name: 'Quick add' });
  await expect(dialog.getByRole('textbox', { name: 'Quick add' })).toBeFocused();
  await page.keyboard.type('lent Sam 20');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('button', { name: 'Confirm' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Confirm' }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('status')).toContainText(/done/i);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('region', { name: 'Loans' })).toContainText('$20.00');
});

test('notifications: the button shows the unread count and opens the latest', async ({ page }) => {
  await logIn(page, DEMO.username, DEMO.password);
  const button = page.getByRole('button', { name: /^Notifications/ });
  await expect(button).toHaveAccessibleName(/unread/);
  await button.click();
  await expect(page.getByRole('button', { name: 'Mark all read' })).toBeVisible();
});
