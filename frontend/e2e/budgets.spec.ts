import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { apiGet, apiToken, DEMO, expectAccessible, logIn, newUser, usd } from './helpers';

interface SummaryLine {
  category: string;
  allocated: string;
  spent: string;
  remaining: string;
}
interface Summary {
  total_budget: string;
  total_spent: string;
  total_remaining: string;
  safe_to_spend_per_day: string;
  categories: SummaryLine[];
}
interface Budget {
  allocations: { category: string; allocated_amount: string }[];
}

const thisMonth = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
};

async function openBudgets(page: Page, username: string, password: string) {
  await logIn(page, username, password);
  await page.goto('/budgets');
  await expect(page.getByRole('heading', { level: 1, name: 'Budgets' })).toBeVisible();
}

/** A plan through the API, as a script would make it. */
async function makePlan(
  request: APIRequestContext,
  token: string,
  allocations: Record<string, string>,
) {
  const response = await request.post('/api/budgets/', {
    headers: { Authorization: `Bearer ${token}` },
    data: {
      month: thisMonth(),
      total_income: '3000.00',
      savings_goal_amount: '0',
      allocations: Object.entries(allocations).map(([category, allocated_amount]) => ({
        category,
        allocated_amount,
      })),
    },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { budget_id: number }).budget_id;
}

test('create a plan: income from the profile, generate, edit, save', async ({ page, request }) => {
  const user = await newUser(request, 'plan');
  await request.patch('/api/users/me/', {
    headers: { Authorization: `Bearer ${user.access}` },
    data: { profile: { monthly_income: '4000.00' } },
  });
  await openBudgets(page, user.username, user.password);
  await page.getByRole('button', { name: 'Create a plan' }).click();
  await expect(page.getByRole('textbox', { name: 'Monthly income' })).toHaveValue('4000.00');
  await page.getByRole('button', { name: 'Generate' }).click();
  const editor = page.getByRole('table', { name: 'Allocations' });
  await expect(editor.getByRole('textbox', { name: 'Allocated: Groceries' })).toBeVisible();
  await editor.getByRole('textbox', { name: 'Allocated: Groceries' }).fill('555.55');
  const values = await editor
    .getByRole('textbox')
    .evaluateAll((inputs) =>
      inputs.map((input) => Math.round(Number((input as HTMLInputElement).value) * 100)),
    );
  const total = values.reduce((sum, cents) => sum + cents, 0) / 100;
  const totals = page.getByRole('group', { name: 'Plan totals' });
  await expect(totals).toContainText(`Total allocated: ${usd(total)}`);
  await page.getByRole('button', { name: 'Save plan' }).click();
  const progress = page.getByRole('table', { name: 'Progress' });
  await expect(progress.getByRole('row', { name: /Groceries/ })).toContainText('$555.55');
  const summary = await apiGet<Summary>(request, '/api/budgets/summary/', user.access);
  expect(Number(summary.total_budget)).toBeCloseTo(total, 2);
  await expect(page.getByRole('group', { name: 'This month in figures' })).toContainText(
    usd(summary.total_budget),
  );
});

test('a suggestion moves money from a want to the overspent category', async ({
  page,
  request,
}) => {
  const user = await newUser(request, 'move');
  const id = await makePlan(request, user.access, { Entertainment: '100.00', Shopping: '300.00' });
  await request.post('/api/expenses/', {
    headers: { Authorization: `Bearer ${user.access}` },
    data: { amount: '150.00', category: 'Entertainment', vendor: 'Concert' },
  });
  await openBudgets(page, user.username, user.password);
  const section = page.getByRole('region', { name: 'Suggestions' });
  const writes: string[] = [];
  page.on('request', (sent) => {
    if (sent.method() !== 'GET' && sent.url().includes('/api/budgets/'))
      writes.push(`${sent.method()} ${new URL(sent.url()).pathname}`);
  });
  const applied = page.waitForResponse(/\/apply_suggestion\/$/);
  await section
    .getByRole('button', { name: /^Apply/ })
    .first()
    .click();
  const answer = await applied;
  expect(answer.request().method()).toBe('POST');
  expect(answer.status()).toBe(200);
  await expect(section.getByRole('status')).toContainText(
    'Moved $50.00 from Shopping to Entertainment.',
  );
  const plan = await apiGet<Budget>(request, `/api/budgets/${id}/`, user.access);
  const amounts = Object.fromEntries(plan.allocations.map((a) => [a.category, a.allocated_amount]));
  expect(amounts).toEqual({ Entertainment: '150.00', Shopping: '250.00' });
  // One write, the move itself: the plan is not saved back whole.
  expect(writes).toEqual([`POST /api/budgets/${id}/apply_suggestion/`]);
  await expect(
    page.getByRole('table', { name: 'Progress' }).getByRole('row', { name: /Entertainment/ }),
  ).toContainText('$150.00');
});

test('“Should I buy it?” a 500 PlayStation 5 with 100 left in Entertainment: Don’t buy', async ({
  page,
  request,
}) => {
  const user = await newUser(request, 'ps5');
  await makePlan(request, user.access, { Entertainment: '100.00', Groceries: '600.00' });
  await openBudgets(page, user.username, user.password);
  const section = page.getByRole('region', { name: 'Should I buy it?' });
  await section.getByRole('textbox', { name: 'What' }).fill('PlayStation 5');
  await section.getByRole('textbox', { name: 'Price' }).fill('500');
  await section.getByRole('combobox', { name: 'Category' }).click();
  await page.getByRole('option', { name: 'Entertainment' }).click();
  await section.getByRole('button', { name: 'Check' }).click();
  await expect(section.getByRole('status')).toContainText("Don't buy");
  await expect(section.getByRole('status')).toContainText('PlayStation 5');
});

test('the demo month’s progress equals the API’s summary', async ({ page, request }) => {
  await openBudgets(page, DEMO.username, DEMO.password);
  const token = await apiToken(request, DEMO.username, DEMO.password);
  const summary = await apiGet<Summary>(request, '/api/budgets/summary/', token);
  const progress = page.getByRole('table', { name: 'Progress' });
  for (const line of summary.categories) {
    const row = progress.getByRole('row', { name: new RegExp(`^${line.category}`) });
    await expect(row).toContainText(usd(line.allocated));
    await expect(row).toContainText(usd(line.spent));
    await expect(row).toContainText(usd(line.remaining));
  }
  const figures = page.getByRole('group', { name: 'This month in figures' });
  for (const value of [summary.total_budget, summary.total_spent, summary.safe_to_spend_per_day])
    await expect(figures).toContainText(usd(value));
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the budgets page is accessible (${colorScheme})`, async ({ page }) => {
    test.setTimeout(60_000);
    await page.emulateMedia({ colorScheme });
    await openBudgets(page, DEMO.username, DEMO.password);
    await expect(page.getByRole('table', { name: 'Progress' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Categories' }).getByRole('row')).not.toHaveCount(
      1,
    );
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Edit plan' }).click();
    await expect(page.getByRole('table', { name: 'Allocations' })).toBeVisible();
    await expectAccessible(page);
  });
}

test.describe('on a phone', () => {
  test.use({ viewport: { width: 360, height: 800 }, isMobile: true, hasTouch: true });

  test('the budgets page fits without scrolling sideways', async ({ page }) => {
    await openBudgets(page, DEMO.username, DEMO.password);
    await expect(page.getByRole('table', { name: 'Progress' })).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
