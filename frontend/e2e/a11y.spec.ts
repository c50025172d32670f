import { expect, test } from '@playwright/test';
import { DEMO, expectAccessible, logIn } from './helpers';

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} mode`, () => {
    test.use({ colorScheme });

    test('signed-out pages have no serious axe violation', async ({ page }) => {
      for (const path of [
        '/login',
        '/register',
        '/reset-password/new',
        '/reset-password?uid=x&token=y',
      ]) {
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await expect(page.locator('html')).toHaveAttribute(
          'data-mantine-color-scheme',
          colorScheme,
        );
        await expectAccessible(page);
      }
    });

    test('signed-in pages and dialogs have no serious axe violation', async ({ page }) => {
      test.setTimeout(60_000);
      await logIn(page, DEMO.username, DEMO.password);
      await expect(
        page.getByRole('region', { name: 'Recent expenses' }).getByRole('table'),
      ).toBeVisible();
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Quick add' }).click();
      await expect(page.getByRole('dialog', { name: 'Quick add' })).toBeVisible();
      await expectAccessible(page);
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Account' }).click();
      await page.getByRole('menuitem', { name: 'Settings' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
      await expectAccessible(page);
      await page.goto('/expenses');
      await expect(page.getByRole('heading', { level: 1, name: 'Expenses' })).toBeVisible();
      await expectAccessible(page);
    });
  });
}

test('the theme follows the system until chosen, and the choice is remembered', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await logIn(page, DEMO.username, DEMO.password);
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await page.goto('/settings');
  await page.getByText('Light', { exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'light');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'light');
});
