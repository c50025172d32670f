import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Page } from '@playwright/test';

export const DEMO = { username: 'demo', password: 'Demo-Sphere-2026!' };
export const PASSWORD = 'Sphere-e2e-Password-42';

/** A fresh account made through the API (as a script would: tokens in the body). */
export async function newUser(request: APIRequestContext, prefix = 'e2e') {
  const username = `${prefix}${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  const response = await request.post('/api/users/register/', {
    data: { username, email: `${username}@example.com`, password: PASSWORD },
  });
  expect(response.status()).toBe(201);
  const body = (await response.json()) as { access: string };
  return { username, email: `${username}@example.com`, password: PASSWORD, access: body.access };
}

/** An API client's access token, for comparing what a page shows with what the API says. */
export async function apiToken(request: APIRequestContext, username: string, password: string) {
  const response = await request.post('/api/users/login/', { data: { username, password } });
  expect(response.ok()).toBeTruthy();
  return ((await response.json()) as { access: string }).access;
}

export async function apiGet<T>(
  request: APIRequestContext,
  path: string,
  token: string,
): Promise<T> {
  const response = await request.get(path, { headers: { Authorization: `Bearer ${token}` } });
  expect(response.ok()).toBeTruthy();
  return (await response.json()) as T;
}

/** Sign in through /login and wait for Home. */
export async function logIn(page: Page, username: string, password: string) {
  await page.goto('/login');
  await page.getByRole('textbox', { name: 'Username or email' }).fill(username);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
}

/** axe-core finds no serious or critical violation on the page as it stands. */
export async function expectAccessible(page: Page) {
  // A dialog fading in is judged once it is fully shown, not half transparent.
  await page.waitForFunction(() =>
    document.getAnimations().every((animation) => animation.playState !== 'running'),
  );
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.html.slice(0, 160)).join(' | ')}`),
  ).toEqual([]);
}

/** en-US money as the app formats it. */
export const usd = (amount: string | number, currency = 'USD') =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(Number(amount));
