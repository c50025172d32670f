import { expect, test } from '@playwright/test';
import { DEMO, logIn } from './helpers';

test('installable, and offline it opens with the last Home it saw', async ({ page, context }) => {
  await page.goto('/login');
  const manifest = await (await page.request.get('/manifest.webmanifest')).json();
  expect(manifest.name).toBe('MY SPHERE');
  const sizes = manifest.icons.map((icon: { sizes: string }) => icon.sizes);
  expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
  expect(manifest.icons.some((icon: { purpose?: string }) => icon.purpose === 'maskable')).toBe(
    true,
  );

  await logIn(page, DEMO.username, DEMO.password);
  const recent = page.getByRole('region', { name: 'Recent expenses' });
  await expect(recent.getByRole('table')).toBeVisible();
  const seen = await recent.innerText();
  // The service worker has precached the app once it is active.
  await expect
    .poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state), {
      timeout: 20_000,
    })
    .toBe('activated');

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await expect(recent).toContainText(seen.split('\n')[1] ?? 'Spotify');
  await context.setOffline(false);
});
