import { expect, test, type Page } from '@playwright/test';
import { asUser, freshUser, isoDay } from './daily';

/** Whether this device's saved copy of the last answers mentions `text` (lastSeen.ts). */
function savedCopyHas(page: Page, text: string): Promise<boolean> {
  return page.evaluate(async (wanted) => {
    const names = (await indexedDB.databases()).map((db) => db.name);
    if (!names.includes('mysphere-last-seen')) return false;
    return new Promise<boolean>((resolve) => {
      const open = indexedDB.open('mysphere-last-seen');
      open.onerror = () => resolve(false);
      open.onsuccess = () => {
        const db = open.result;
        const read = db.transaction('queries').objectStore('queries').get('last-seen');
        read.onsuccess = () => {
          db.close();
          resolve(JSON.stringify(read.result ?? null).includes(wanted));
        };
        read.onerror = () => resolve(false);
      };
    });
  }, text);
}

async function go(page: Page, link: string, heading: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
}

/** Lending, Expenses and Lists through the menu, each showing the user's data. */
async function visitEach(page: Page) {
  await go(page, 'Lending', 'Lending');
  await expect(page.getByRole('link', { name: 'Sam' })).toBeVisible();
  await go(page, 'Expenses', 'Expenses');
  await expect(page.getByText('Corner bakery')).toBeVisible();
  await go(page, 'Lists', 'Lists');
  await expect(page.getByRole('main').getByText('Picnic basket')).toBeVisible();
}

test('offline, to-dos, lending, expenses and lists show the last data seen; log-out forgets it', async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(90_000);
  const user = await freshUser(page, request, 'offr');
  const api = asUser(request, user.access);
  await api.post('/api/todos/', { title: 'Water the ferns', due_date: isoDay(0) });
  await api.post('/api/lending/', { direction: 'lent', counterparty_name: 'Sam', amount: '20' });
  await api.post('/api/expenses/', { amount: '12.00', vendor: 'Corner bakery' });
  await api.post('/api/lists/', { name: 'Picnic basket', list_type: 'shopping' });
  // The service worker has precached the app once it is active.
  await expect
    .poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state), {
      timeout: 20_000,
    })
    .toBe('activated');

  await visitEach(page);
  await go(page, 'To-dos', 'To-dos');
  await expect(page.getByRole('checkbox', { name: 'Water the ferns' })).toBeVisible();
  for (const text of ['Water the ferns', 'Corner bakery', 'Sam', 'Picnic basket'])
    await expect.poll(() => savedCopyHas(page, text)).toBe(true);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Water the ferns' })).toBeVisible();
  await visitEach(page);
  await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();

  await context.setOffline(false);
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Account' }).click();
  await page.getByRole('menuitem', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect.poll(() => savedCopyHas(page, 'Water the ferns')).toBe(false);
});
