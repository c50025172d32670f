import { expect, test, type Page } from '@playwright/test';
import { apiGet, apiToken, DEMO, expectAccessible, logIn, newUser, usd } from './helpers';

interface Expense {
  expense_id: number;
  amount: string;
  currency: string;
  vendor: string;
  category: string;
  expense_type: string;
}
interface Page_<T> {
  count: number;
  results: T[];
}
interface Analytics {
  currencies: {
    currency: string;
    total: string;
    count: number;
    by_category: { category: string; total: string }[];
    monthly_trend: { month: string; total: string }[];
  }[];
}

async function openExpenses(page: Page, username: string, password: string, path = '/expenses') {
  await logIn(page, username, password);
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1, name: 'Expenses' })).toBeVisible();
}

const table = (page: Page) => page.getByRole('table', { name: 'Expenses' });

test('add, edit, delete and undo an expense; server errors land on their field', async ({
  page,
  request,
}) => {
  const user = await newUser(request, 'exp');
  await openExpenses(page, user.username, user.password);

  await page.getByRole('button', { name: 'New expense' }).click();
  let dialog = page.getByRole('dialog', { name: 'New expense' });
  await dialog.getByRole('textbox', { name: 'Amount' }).fill('-5');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Amount' })).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await dialog.getByRole('textbox', { name: 'Amount' }).fill('12.34');
  await dialog.getByRole('textbox', { name: 'Vendor' }).fill('Corner Bakery');
  await dialog.getByRole('combobox', { name: 'Category' }).click();
  await page.getByRole('option', { name: 'Groceries' }).click();
  await dialog.getByRole('textbox', { name: 'Notes' }).fill('bread');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const row = table(page).getByRole('row', { name: /Corner Bakery/ });
  await expect(row).toContainText('$12.34');
  await expect(row).toContainText('Groceries');

  await row.getByRole('button', { name: /^Edit/ }).click();
  dialog = page.getByRole('dialog', { name: 'Edit expense' });
  await expect(dialog.getByRole('textbox', { name: 'Vendor' })).toHaveValue('Corner Bakery');
  await dialog.getByRole('textbox', { name: 'Amount' }).fill('15.00');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(row).toContainText('$15.00');

  await row.getByRole('button', { name: /^Delete/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Expense deleted.' })).toBeVisible();
  await expect(row).toBeHidden();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Restored.' })).toBeVisible();
  await expect(table(page).getByRole('row', { name: /Corner Bakery/ })).toContainText('$15.00');
});

test('Undo after a delete brings back the same expense; the totals equal the API’s', async ({
  page,
  request,
}) => {
  const user = await newUser(request, 'undo');
  const headers = { Authorization: `Bearer ${user.access}` };
  for (const [vendor, amount] of [
    ['Kiosk', '4.50'],
    ['Bistro', '20.25'],
  ]) {
    await request.post('/api/expenses/', { headers, data: { amount, vendor } });
  }
  const before = await apiGet<Page_<Expense>>(request, '/api/expenses/', user.access);
  const bistro = before.results.find((e) => e.vendor === 'Bistro')!;
  await openExpenses(page, user.username, user.password);
  const totals = page.getByRole('group', { name: 'Total shown' });
  await expect(totals).toContainText('$24.75');

  await table(page)
    .getByRole('row', { name: /Bistro/ })
    .getByRole('button', { name: /^Delete/ })
    .click();
  await expect(totals).toContainText('$4.50');
  const restore = page.waitForRequest(`**/api/expenses/${bistro.expense_id}/restore/`);
  await page.getByRole('button', { name: 'Undo' }).click();
  expect((await restore).method()).toBe('POST');
  await expect(page.getByRole('status').filter({ hasText: 'Restored.' })).toBeVisible();
  await expect(table(page).getByRole('row', { name: /Bistro/ })).toContainText('$20.25');

  const after = await apiGet<Page_<Expense>>(request, '/api/expenses/', user.access);
  expect(after.results.map((e) => e.expense_id)).toEqual(before.results.map((e) => e.expense_id));
  await expect(totals).toContainText('$24.75');
});

test('a reload of /expenses asks for its first page alongside the profile, once', async ({
  page,
  request,
}) => {
  const user = await newUser(request, 'reload');
  await openExpenses(page, user.username, user.password);
  const events: string[] = [];
  const path = (url: string) => new URL(url).pathname;
  page.on('request', (sent) => {
    if (path(sent.url()) === '/api/expenses/') events.push('list asked');
  });
  page.on('requestfinished', (done) => {
    if (path(done.url()) === '/api/users/me/') events.push('profile answered');
  });
  await page.reload();
  await expect(table(page)).toContainText('No expenses match these filters.');
  await page.waitForLoadState('networkidle');
  expect(events).toEqual(['list asked', 'profile answered']);
});

test('filters live in the URL, and the list and its totals equal the API’s', async ({
  page,
  request,
}) => {
  const query = 'category=Groceries&search=kroger';
  await openExpenses(page, DEMO.username, DEMO.password, `/expenses?${query}`);
  const token = await apiToken(request, DEMO.username, DEMO.password);
  const api = await apiGet<Page_<Expense>>(
    request,
    `/api/expenses/?${query}&page_size=25&ordering=-date`,
    token,
  );
  expect(api.count).toBeGreaterThan(0);
  await expect(page.getByRole('textbox', { name: 'Search' })).toHaveValue('kroger');
  await expect(page.getByText(`(${api.count} found)`)).toBeVisible();
  const rows = table(page).getByRole('row');
  await expect(rows).toHaveCount(api.results.length + 1);
  for (const expense of api.results.slice(0, 5)) {
    await expect(table(page)).toContainText(usd(expense.amount, expense.currency));
  }
  const cents = api.results.reduce(
    (sum, e) => sum + Math.round(Number(e.amount) * 100) * (e.expense_type === 'refund' ? -1 : 1),
    0,
  );
  await expect(page.getByRole('group', { name: 'Total shown' })).toContainText(usd(cents / 100));

  await page.getByRole('textbox', { name: 'Search' }).fill('');
  await expect(page).toHaveURL(/\/expenses\?category=Groceries$/);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(/\/expenses$/);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page).toHaveURL(/\/expenses\?page=2$/);
  await page.reload();
  await expect(page.getByText(/^Page 2 of/)).toBeVisible();
});

test('describe expenses in words: each line read, checked, then saved', async ({
  page,
  request,
}) => {
  const user = await newUser(request, 'words');
  await openExpenses(page, user.username, user.password);
  await page
    .getByRole('textbox', { name: 'Describe an expense' })
    .fill('Lunch at Subway $9 yesterday\nTaxi 23.50 today');
  await page.getByRole('button', { name: 'Read' }).click();
  const lunch = page.getByRole('article', { name: 'Lunch at Subway $9 yesterday' });
  await expect(lunch.getByRole('textbox', { name: 'Amount' })).toHaveValue('9.00');
  await expect(lunch).toContainText(/Confidence \d+%/);
  const taxi = page.getByRole('article', { name: 'Taxi 23.50 today' });
  await taxi.getByRole('textbox', { name: 'Vendor' }).fill('City Cab');
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByText('Expenses saved: 2.')).toBeVisible();
  await expect(table(page).getByRole('row', { name: /Subway/ })).toContainText('$9.00');
  await expect(table(page).getByRole('row', { name: /City Cab/ })).toContainText('$23.50');
});

test('import a bank CSV with a preview, duplicates marked, then undo it', async ({
  page,
  request,
}) => {
  const user = await newUser(request, 'imp');
  await openExpenses(page, user.username, user.password);
  await page.getByRole('button', { name: 'Import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import expenses' });
  await dialog.getByLabel('CSV file').setInputFiles({
    name: 'statement.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'Date,Payee,Amount\n2026-01-05,Book Nook,-20.00\n2026-01-06,Bean Bar,-4.50\n2026-01-06,Bean Bar,-4.50\n',
    ),
  });
  await expect(dialog.getByRole('combobox', { name: 'Vendor' })).toHaveValue('Payee');
  const preview = dialog.getByRole('table', { name: 'Preview' });
  await expect(preview.getByText('Duplicate')).toHaveCount(1);
  await expect(preview.getByText('New')).toHaveCount(2);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByRole('status')).toHaveText('Expenses imported: 2.');
  await expect(table(page).getByRole('row', { name: /Book Nook/ })).toContainText('$20.00');
  await dialog.getByRole('button', { name: 'Undo import' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Import undone; expenses removed: 2.');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(table(page)).toContainText('No expenses match these filters.');
});

test('export the filtered list as CSV and all my data as JSON', async ({ page }) => {
  await openExpenses(page, DEMO.username, DEMO.password, '/expenses?category=Travel');
  await page.getByRole('button', { name: 'Export' }).click();
  const csv = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'These expenses as CSV' }).click();
  const file = await csv;
  expect(file.suggestedFilename()).toMatch(/\.csv$/);
  const text = await (await file.createReadStream()).toArray();
  const body = Buffer.concat(text).toString('utf8');
  expect(body.split('\n')[0]).toContain('amount');
  expect(body).toContain('Travel');
  expect(body).not.toContain('Groceries');
  await page.getByRole('button', { name: 'Export' }).click();
  const json = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'All my data as JSON' }).click();
  expect((await json).suggestedFilename()).toMatch(/\.json$/);
});

test('the charts and their tables equal the analytics; insights say where they come from', async ({
  page,
  request,
}) => {
  await openExpenses(page, DEMO.username, DEMO.password);
  const token = await apiToken(request, DEMO.username, DEMO.password);
  const now = new Date();
  const start = new Date(now.getFullYear(), now.getMonth() - 2, 1);
  const from = `${start.getFullYear()}-${String(start.getMonth() + 1).padStart(2, '0')}-01`;
  const api = await apiGet<Analytics>(request, `/api/expenses/analytics/?date_from=${from}`, token);
  const usdRow = api.currencies.find((row) => row.currency === 'USD')!;
  const byCategory = page.getByRole('figure', { name: 'Spending by category' });
  await expect(byCategory).toBeVisible();
  for (const row of usdRow.by_category)
    await expect(byCategory.getByRole('row', { name: new RegExp(row.category) })).toContainText(
      usd(row.total),
    );
  const overTime = page.getByRole('figure', { name: 'Spending over time' });
  for (const row of usdRow.monthly_trend)
    await expect(overTime.getByRole('row', { name: new RegExp(row.month) })).toContainText(
      usd(row.total),
    );
  await expect(page.getByRole('region', { name: 'Spending' })).toContainText(usd(usdRow.total));
  await expect(page.getByRole('region', { name: 'Insights' })).toContainText(
    'Rule-based insights (AI not used)',
  );
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the expenses page and its dialogs are accessible (${colorScheme})`, async ({ page }) => {
    test.setTimeout(60_000);
    await page.emulateMedia({ colorScheme });
    await openExpenses(page, DEMO.username, DEMO.password);
    await expect(table(page)).toBeVisible();
    await expect(page.getByRole('figure', { name: 'Spending by category' })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'New expense' }).click();
    await expect(page.getByRole('dialog', { name: 'New expense' })).toBeVisible();
    await expectAccessible(page);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Import' }).click();
    await expect(page.getByRole('dialog', { name: 'Import expenses' })).toBeVisible();
    await expectAccessible(page);
  });
}

test.describe('on a phone', () => {
  test.use({ viewport: { width: 360, height: 800 }, isMobile: true, hasTouch: true });

  test('the expenses page fits without scrolling sideways', async ({ page }) => {
    await openExpenses(page, DEMO.username, DEMO.password);
    await expect(table(page)).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    const box = await page.getByRole('button', { name: 'New expense' }).boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
  });
});

test('by keyboard alone: a new expense from the button to the table', async ({ page, request }) => {
  const user = await newUser(request, 'keys');
  await openExpenses(page, user.username, user.password);
  await page.getByRole('button', { name: 'New expense' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'New expense' });
  await expect(dialog.getByRole('textbox', { name: 'Amount' })).toBeFocused();
  await page.keyboard.type('7.25');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(table(page)).toContainText('$7.25');
  await expect(page.getByRole('button', { name: 'New expense' })).toBeFocused();
});

test.describe('in Spanish', () => {
  test.use({ locale: 'es-ES' });

  test('the money screens speak Spanish', async ({ page }) => {
    await page.goto('/login');
    await page.getByRole('textbox', { name: 'Usuario o correo electrónico' }).fill(DEMO.username);
    await page.getByRole('textbox', { name: 'Contraseña' }).fill(DEMO.password);
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Inicio' })).toBeVisible();
    await page.goto('/expenses');
    await expect(page.getByRole('heading', { level: 1, name: 'Gastos' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Nuevo gasto' })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Describe un gasto' })).toBeVisible();
    await expect(page.getByRole('figure', { name: 'Gasto por categoría' })).toBeVisible();
    await page.goto('/budgets');
    await expect(page.getByRole('heading', { level: 1, name: 'Presupuestos' })).toBeVisible();
    await expect(page.getByRole('region', { name: '¿Lo compro?' })).toBeVisible();
    await page.goto('/subscriptions');
    await expect(page.getByRole('heading', { level: 1, name: 'Suscripciones' })).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Calendario' })).toBeVisible();
    await expect(page.getByRole('group', { name: 'Al mes' })).toContainText(/\d,\d{2}/);
  });
});
