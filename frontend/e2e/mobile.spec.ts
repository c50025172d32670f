import { expect, test, type Page } from '@playwright/test';
import { DEMO, logIn } from './helpers';

async function noHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

async function atLeast44(page: Page, name: string | RegExp) {
  const box = await page.getByRole('button', { name }).first().boundingBox();
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
  expect(box?.width ?? 0).toBeGreaterThanOrEqual(44);
}

for (const width of [360, 430]) {
  test.describe(`a ${width} px phone`, () => {
    test.use({ viewport: { width, height: 800 }, isMobile: true, hasTouch: true });

    test('sign-in and Home fit the screen, with thumb-sized targets', async ({ page }) => {
      await page.goto('/login');
      await noHorizontalScroll(page);
      await atLeast44(page, 'Log in');
      await logIn(page, DEMO.username, DEMO.password);
      await expect(
        page.getByRole('region', { name: 'Recent expenses' }).getByRole('table'),
      ).toBeVisible();
      await noHorizontalScroll(page);
      for (const name of ['Quick add', /^Notifications/, 'Account', 'Menu'])
        await atLeast44(page, name);
      await page.getByRole('button', { name: 'Menu' }).click();
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'Lending' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Lending' })).toBeVisible();
      await noHorizontalScroll(page);
    });
  });
}
