import { expect, test, type Page } from '@playwright/test';
import { apiGet, apiToken, DEMO, expectAccessible, logIn, newUser, usd } from './helpers';

interface Subscription {
  subscription_id: string;
  name: string;
  next_billing_date: string;
  status: string;
  monthly_cost: string;
  yearly_cost: string;
  currency: string;
}
interface Paged<T> {
  count: number;
  results: T[];
}
interface Dashboard {
  monthly_cost: { currency: string; total: string }[];
  yearly_cost: { currency: string; total: string }[];
}

async function openSubscriptions(page: Page, username: string, password: string) {
  await logIn(page, username, password);
  await page.goto('/subscriptions');
  await expect(page.getByRole('heading', { level: 1, name: 'Subscriptions' })).toBeVisible();
}

const table = (page: Page) => page.getByRole('table', { name: 'Subscriptions' });

async function rowAction(page: Page, name: string, action: string) {
  await table(page)
    .getByRole('button', { name: `Actions: ${name}` })
    .click();
  await page.getByRole('menuitem', { name: action }).click();
}

test('add, pay, pause, resume and cancel a subscription; the calendar shows its renewal', async ({
  page,
  request,
}) => {
  const user = await newUser(request, 'subs');
  await openSubscriptions(page, user.username, user.password);
  await page.getByRole('button', { name: 'New subscription' }).click();
  const dialog = page.getByRole('dialog', { name: 'New subscription' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('StreamMax');
  await dialog.getByRole('textbox', { name: 'Amount' }).fill('12.99');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const row = table(page).getByRole('row', { name: /StreamMax/ });
  await expect(row).toContainText('$12.99');
  await expect(row).toContainText('monthly');
  const dashboard = await apiGet<Dashboard>(request, '/api/subscriptions/dashboard/', user.access);
  await expect(page.getByRole('group', { name: 'Per month' })).toContainText(
    usd(dashboard.monthly_cost[0]!.total),
  );
  await expect(page.getByRole('group', { name: 'Per year' })).toContainText(
    usd(dashboard.yearly_cost[0]!.total),
  );

  await rowAction(page, 'StreamMax', 'Mark paid');
  await expect(page.getByText('StreamMax: payment recorded.')).toBeVisible();
  const [paid] = (await apiGet<Paged<Subscription>>(request, '/api/subscriptions/', user.access))
    .results;
  await page.getByRole('tab', { name: 'Calendar' }).click();
  const due = new Date(`${paid!.next_billing_date}T00:00:00Z`);
  const now = new Date();
  const ahead =
    (due.getUTCFullYear() - now.getFullYear()) * 12 + due.getUTCMonth() - now.getMonth();
  for (let i = 0; i < ahead; i += 1) await page.getByRole('button', { name: 'Next month' }).click();
  const calendar = page.getByRole('table', { name: 'Renewals calendar' });
  await expect(
    calendar.getByRole('cell', { name: `${due.getUTCDate()} StreamMax $12.99` }),
  ).toBeVisible();
  await expect(page.getByRole('group', { name: 'Total this month' })).toContainText('$12.99');

  await page.getByRole('tab', { name: 'List' }).click();
  await rowAction(page, 'StreamMax', 'Pause');
  await expect(page.getByText('StreamMax paused.')).toBeVisible();
  await page.getByText('paused', { exact: true }).click();
  await rowAction(page, 'StreamMax', 'Resume');
  await expect(page.getByText('StreamMax resumed.')).toBeVisible();
  await page.getByText('active', { exact: true }).click();
  await rowAction(page, 'StreamMax', 'Cancel');
  await expect(page.getByText('StreamMax cancelled.')).toBeVisible();
  await expect(table(page)).toContainText('No subscriptions here.');
  await page.getByText('cancelled', { exact: true }).click();
  await expect(table(page).getByRole('row', { name: /StreamMax/ })).toContainText('cancelled');
});

test('a subscription from text: read, checked in the form, saved', async ({ page, request }) => {
  const user = await newUser(request, 'subtext');
  await openSubscriptions(page, user.username, user.password);
  await page.getByRole('button', { name: 'New subscription' }).click();
  const dialog = page.getByRole('dialog', { name: 'New subscription' });
  await dialog
    .getByRole('textbox', { name: 'Describe a subscription' })
    .fill('Netflix 15.99 monthly, free trial until the 20th');
  await dialog.getByRole('button', { name: 'Read' }).click();
  await expect(dialog.getByRole('status')).toContainText('confidence');
  await expect(dialog.getByRole('textbox', { name: 'Name' })).toHaveValue('Netflix');
  await expect(dialog.getByRole('textbox', { name: 'Amount' })).toHaveValue('15.99');
  await expect(dialog.getByRole('checkbox', { name: 'Free trial' })).toBeChecked();
  // The rule-based reader (no AI here) leaves the trial's end out: the person fills it in.
  const end = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  await dialog.getByRole('textbox', { name: 'Trial ends' }).fill(end);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(table(page).getByRole('row', { name: /Netflix/ })).toContainText(/Trial ends/);
});

test('a subscription’s page: figures, payments and price changes equal the API’s', async ({
  page,
  request,
}) => {
  const token = await apiToken(request, DEMO.username, DEMO.password);
  const all = await apiGet<Paged<Subscription>>(
    request,
    '/api/subscriptions/?page_size=100',
    token,
  );
  type Changes = Paged<{ new_amount: string; currency: string }>;
  let chosen: Subscription | undefined;
  let changes: Changes = { count: 0, results: [] };
  for (const s of all.results) {
    changes = await apiGet<Changes>(
      request,
      `/api/subscriptions/${s.subscription_id}/price_history/`,
      token,
    );
    if (changes.count > 0) {
      chosen = s;
      break;
    }
  }
  expect(chosen).toBeDefined();
  const payments = await apiGet<Paged<{ amount: string; currency: string }>>(
    request,
    `/api/subscriptions/${chosen!.subscription_id}/payments/?page_size=50`,
    token,
  );
  await openSubscriptions(page, DEMO.username, DEMO.password);
  await page.getByText('All', { exact: true }).click();
  await table(page).getByRole('link', { name: chosen!.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: chosen!.name })).toBeVisible();
  const details = page.getByRole('group', { name: 'Details' });
  await expect(details).toContainText(usd(chosen!.monthly_cost, chosen!.currency));
  await expect(details).toContainText(usd(chosen!.yearly_cost, chosen!.currency));
  if (payments.count)
    await expect(page.getByRole('table', { name: 'Payments' }).getByRole('row')).toHaveCount(
      Math.min(payments.count, 50) + 1,
    );
  const price = page.getByRole('figure', { name: 'Price over time' });
  for (const change of changes.results)
    await expect(price).toContainText(usd(change.new_amount, change.currency));
  await expectAccessible(page);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the subscriptions page, calendar and dialog are accessible (${colorScheme})`, async ({
    page,
  }) => {
    test.setTimeout(60_000);
    await page.emulateMedia({ colorScheme });
    await openSubscriptions(page, DEMO.username, DEMO.password);
    await expect(table(page).getByRole('link').first()).toBeVisible();
    await expect(page.getByRole('figure', { name: 'Paid per month' })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('tab', { name: 'Calendar' }).click();
    await expect(page.getByRole('table', { name: 'Renewals calendar' })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'New subscription' }).click();
    await expect(page.getByRole('dialog', { name: 'New subscription' })).toBeVisible();
    await expectAccessible(page);
  });
}

test.describe('on a phone', () => {
  test.use({ viewport: { width: 360, height: 800 }, isMobile: true, hasTouch: true });

  test('the subscriptions page and its calendar fit without scrolling sideways', async ({
    page,
  }) => {
    await openSubscriptions(page, DEMO.username, DEMO.password);
    await expect(table(page).getByRole('link').first()).toBeVisible();
    const overflow = () =>
      page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.getByRole('tab', { name: 'Calendar' }).click();
    await expect(page.getByRole('group', { name: 'Total this month' })).toBeVisible();
    expect(await overflow()).toBeLessThanOrEqual(0);
  });
});
