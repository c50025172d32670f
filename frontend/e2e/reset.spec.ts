import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { logIn, newUser } from './helpers';

const MAIL = join(import.meta.dirname, '..', '.e2e', process.env.E2E_PORT ?? '8765', 'mail');

function linkFor(email: string): string | null {
  for (const name of readdirSync(MAIL)) {
    const text = readFileSync(join(MAIL, name), 'utf8');
    if (!text.includes(`To: ${email}`)) continue;
    const match = text
      .replace(/=\r?\n/g, '')
      .match(/https?:\/\/\S+\/reset-password\?uid=\S+&token=\S+/);
    if (match) return match[0];
  }
  return null;
}

test('a forgotten password is reset through the emailed link', async ({ page, request }) => {
  const user = await newUser(request, 'reset');
  await page.goto('/login');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await page.getByRole('textbox', { name: 'Email' }).fill(user.email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByRole('status')).toContainText('on its way');

  await expect.poll(() => linkFor(user.email)).not.toBeNull();
  const link = new URL(linkFor(user.email)!);
  expect(link.origin).toBe(new URL(page.url()).origin);
  await page.goto(link.pathname + link.search);
  await page.getByRole('textbox', { name: 'New password' }).fill('Brand-new-Password-77');
  await page.getByRole('button', { name: 'Set the new password' }).click();
  await expect(page.getByRole('status')).toContainText('Log in with it');
  await logIn(page, user.username, 'Brand-new-Password-77');
});
