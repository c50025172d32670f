import { expect, test, type Page } from '@playwright/test';
import { asUser, expectAccessibleBothThemes, expectFitsPhone, freshUser } from './daily';
import { logIn, newUser, usd } from './helpers';

/** Finish shopping: a Groceries expense as the API sees it; Undo takes it back. */
async function shopAndUndo(page: Page, api: ReturnType<typeof asUser>) {
  await page.getByRole('button', { name: 'Finish shopping' }).click();
  const finish = page.getByRole('dialog', { name: 'Finish shopping' });
  await finish.getByRole('textbox', { name: 'Total' }).fill('12.40');
  await finish.getByRole('textbox', { name: 'Store' }).fill('Lidl');
  await expectAccessibleBothThemes(page);
  await finish.getByRole('button', { name: 'Record expense' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Recorded' })).toContainText(
    `Recorded ${usd('12.40')} at Lidl as a Groceries expense.`,
  );
  await expect(page.getByRole('checkbox', { name: 'milk' })).toHaveCount(0);
  const expenses = await api.get<{
    results: { amount: string; vendor: string; category: string }[];
  }>('/api/expenses/');
  expect(expenses.results.map((e) => [e.amount, e.vendor, e.category])).toEqual([
    ['12.40', 'Lidl', 'Groceries'],
  ]);

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'taken back' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'milk' })).toBeChecked();
  expect((await api.get<{ count: number }>('/api/expenses/')).count).toBe(0);
}

/** A poll of `path` answered 304 Not Modified. */
function notModified(page: Page, path: RegExp) {
  return page.waitForResponse(
    (response) => path.test(new URL(response.url()).pathname) && response.status() === 304,
    { timeout: 10_000 },
  );
}

test('a shared list: add items by aisle, the other person sees ticks within 5 s, shop and undo', async ({
  page,
  request,
  browser,
}) => {
  test.setTimeout(120_000);
  const owner = await freshUser(page, request, 'list');
  const friend = await newUser(request, 'friend');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Lists' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lists' })).toBeVisible();
  await page.getByRole('button', { name: 'New list' }).click();
  const dialog = page.getByRole('dialog', { name: 'New list' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Weekly shop');
  await expectAccessibleBothThemes(page);
  await dialog.getByRole('button', { name: 'Create list' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Weekly shop' })).toBeVisible();

  await page.getByRole('textbox', { name: 'Add items' }).fill('2 milk, eggs, 1kg rice, bananas');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const dairy = page.getByRole('region', { name: 'Dairy' });
  await expect(dairy.getByRole('checkbox', { name: 'milk' })).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Produce' }).getByRole('checkbox', { name: 'bananas' }),
  ).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'rice' })).toBeVisible();

  await page.getByRole('button', { name: 'Share' }).click();
  const share = page.getByRole('dialog', { name: 'Share' });
  await share.getByRole('textbox', { name: 'Username or email' }).fill(friend.email);
  await share.getByRole('radio', { name: 'Can edit' }).check();
  await share.getByRole('button', { name: 'Share' }).click();
  await expect(share.getByRole('list', { name: 'Shared with' })).toContainText(friend.username);
  await expectAccessibleBothThemes(page);
  await page.keyboard.press('Escape');

  // The friend opens the same list in their own browser.
  const other = await browser.newContext();
  const theirs = await other.newPage();
  await logIn(theirs, friend.username, friend.password);
  await theirs.goto(page.url());
  await expect(theirs.getByRole('heading', { level: 1, name: 'Weekly shop' })).toBeVisible();
  await page.getByRole('checkbox', { name: 'milk' }).check();
  await expect(theirs.getByRole('checkbox', { name: 'milk' })).toBeChecked({ timeout: 5_000 });
  await theirs.getByRole('checkbox', { name: 'bananas' }).check();
  await expect(page.getByRole('checkbox', { name: 'bananas' })).toBeChecked({ timeout: 5_000 });
  // While nothing changes, each poll is a 304 with no body, for the list and its items.
  await Promise.all([
    notModified(theirs, /^\/api\/lists\/\d+\/$/),
    notModified(theirs, /\/items\/$/),
  ]);
  await expect(theirs.getByRole('checkbox', { name: 'bananas' })).toBeChecked();
  await other.close();

  await page.getByRole('button', { name: 'Shopping mode' }).click();
  await expect(page.getByRole('button', { name: 'Shopping mode' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  const cart = page.getByRole('region', { name: 'In the cart' });
  await expect(cart.getByRole('checkbox')).toHaveCount(2);
  await expect(page.getByRole('checkbox', { name: 'eggs' })).toBeVisible();
  await expectAccessibleBothThemes(page);
  await expectFitsPhone(page);

  await shopAndUndo(page, asUser(request, owner.access));
});

test('the lists page on a phone, and a list from a template', async ({ page, request }) => {
  const user = await freshUser(page, request, 'list');
  const api = asUser(request, user.access);
  const template = await api.post<{ list_id: number }>('/api/lists/', {
    name: 'Camping kit',
    list_type: 'packing',
    is_template: true,
  });
  await api.post(`/api/lists/${template.list_id}/add_items/`, { text: 'tent, sleeping bag' });
  await page.goto('/lists');
  await expect(page.getByRole('heading', { level: 2, name: 'Templates' })).toBeVisible();
  await expectAccessibleBothThemes(page);
  await expectFitsPhone(page);
  await page.getByRole('button', { name: 'New list' }).click();
  const dialog = page.getByRole('dialog', { name: 'New list' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Lake weekend');
  await dialog.getByRole('combobox', { name: 'From a template' }).click();
  await page.getByRole('option', { name: 'Camping kit' }).click();
  await dialog.getByRole('button', { name: 'Create list' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lake weekend' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'tent' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'sleeping bag' })).toBeVisible();
});
