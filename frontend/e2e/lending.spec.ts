import { expect, test, type Page } from '@playwright/test';
import { asUser, expectAccessibleBothThemes, expectFitsPhone, freshUser, isoDay } from './daily';
import { usd } from './helpers';

async function newLoan(
  page: Page,
  person: string,
  amount: string,
  direction: 'I lent' | 'I borrowed',
) {
  await page.getByRole('button', { name: 'New loan' }).click();
  const dialog = page.getByRole('dialog', { name: 'New loan' });
  await dialog.getByRole('combobox', { name: 'Person' }).fill(person);
  await dialog.getByRole('textbox', { name: 'Amount' }).fill(amount);
  await dialog.getByText(direction, { exact: true }).click();
  await dialog.getByRole('textbox', { name: 'Due date' }).fill(isoDay(7));
  await dialog.getByRole('button', { name: 'Save loan' }).click();
  await expect(dialog).toBeHidden();
}

test('lend and borrow, repay part, settle up with the netting shown first', async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const user = await freshUser(page, request, 'lend');
  const api = asUser(request, user.access);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Lending' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lending' })).toBeVisible();
  await newLoan(page, 'Sam', '30', 'I lent');
  await newLoan(page, 'Sam', '15', 'I borrowed');
  const people = page.getByRole('table', { name: 'People' });
  await expect(people.getByRole('row', { name: /Sam/ })).toContainText(`owes you ${usd('15')}`);
  await expectAccessibleBothThemes(page);
  await expectFitsPhone(page);

  await people.getByRole('link', { name: 'Sam' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sam' })).toBeVisible();
  const lent = page.getByRole('listitem').filter({ hasText: `I lent ${usd('30')}` });
  await lent.getByRole('button', { name: 'Record repayment' }).click();
  const repay = page.getByRole('dialog', { name: 'Record repayment' });
  await repay.getByRole('textbox', { name: 'Amount' }).fill('10');
  await expectAccessibleBothThemes(page);
  await repay.getByRole('button', { name: 'Record repayment' }).click();
  await expect(page.getByRole('status')).toHaveText('Repayment of 10.00 USD recorded; 20.00 left.');
  const balances = await api.get<{ results: { net_balance: string }[] }>(
    '/api/lending/counterparties/',
  );
  const [sam] = balances.results;
  expect(sam!.net_balance).toBe('5.00');
  await expect(page.getByText(`owes you ${usd('5')}`)).toBeVisible();

  await page.getByRole('button', { name: 'Settle up' }).click();
  const settle = page.getByRole('dialog', { name: 'Settle up' });
  await expect(settle.getByRole('list', { name: 'What settling up does' })).toHaveText(
    [
      `Sam owes you ${usd('20')}.`,
      `You owe Sam ${usd('15')}.`,
      `${usd('15')} cancels out on each side.`,
      `Sam pays you ${usd('5')}.`,
    ].join(''),
  );
  await expectAccessibleBothThemes(page);
  await settle.getByRole('button', { name: 'Settle up' }).click();
  await expect(page.getByRole('status')).toHaveText('Settled up with Sam in USD.');
  await expect(page.getByText('Nothing open: you are square.')).toBeVisible();
  const loans = await api.get<{ results: { status: string }[] }>('/api/lending/?counterparty=sam');
  expect(loans.results.map((loan) => loan.status)).toEqual(['repaid', 'repaid']);
  await expectFitsPhone(page);
});

test('forgive a loan', async ({ page, request }) => {
  const user = await freshUser(page, request, 'lend');
  await asUser(request, user.access).post('/api/lending/', {
    direction: 'lent',
    counterparty_name: 'Alex',
    amount: '12.00',
  });
  await page.goto('/lending/Alex');
  await page.getByRole('button', { name: 'Forgive' }).click();
  const dialog = page.getByRole('dialog', { name: 'Forgive this loan?' });
  await expectAccessibleBothThemes(page);
  await dialog.getByRole('button', { name: 'Forgive' }).click();
  await expect(page.getByRole('status')).toHaveText('Forgiven: nobody owes this any more.');
  await expect(page.getByRole('listitem')).toContainText('Forgiven');
});

test('split a dinner from the expenses page: Lending shows what each person owes', async ({
  page,
  request,
}) => {
  test.setTimeout(60_000);
  const user = await freshUser(page, request, 'split');
  const api = asUser(request, user.access);
  await api.post('/api/expenses/', {
    amount: '90.00',
    vendor: 'Dinner',
    category: 'Food & Dining',
  });
  await page.goto('/expenses');
  await page.getByRole('button', { name: `Split: Dinner ${usd('90')}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Split expense' });
  await dialog.getByRole('textbox', { name: 'Person 1' }).fill('Sam');
  await dialog.getByRole('button', { name: 'Add a person' }).click();
  await dialog.getByRole('textbox', { name: 'Person 2' }).fill('Alex');
  await expectAccessibleBothThemes(page);
  await dialog.getByRole('button', { name: 'Split', exact: true }).click();
  await expect(dialog.getByRole('status')).toHaveText('Split into 2 shares.');
  await expect(dialog.getByRole('list', { name: 'Who owes what' })).toHaveText(
    [`Sam owes you ${usd('30')}`, `Alex owes you ${usd('30')}`, `Your share: ${usd('30')}`].join(
      '',
    ),
  );
  await expectAccessibleBothThemes(page);
  await dialog.getByRole('link', { name: 'See balances in Lending' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lending' })).toBeVisible();
  const { results: balances } = await api.get<{
    results: { counterparty: string; net_balance: string }[];
  }>('/api/lending/counterparties/');
  expect(balances.map((row) => [row.counterparty, row.net_balance]).sort()).toEqual([
    ['Alex', '30.00'],
    ['Sam', '30.00'],
  ]);
  const people = page.getByRole('table', { name: 'People' });
  for (const row of balances) {
    await expect(people.getByRole('row', { name: new RegExp(row.counterparty) })).toContainText(
      `owes you ${usd(row.net_balance)}`,
    );
  }
});
