import { expect, test } from '@playwright/test';
import { DEMO } from './helpers';

test.describe('Spanish from the browser', () => {
  test.use({ locale: 'es-ES' });

  test('sign-in, navigation and Quick add speak Spanish', async ({ page }) => {
    await page.goto('/login');
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await page.getByRole('textbox', { name: 'Usuario o correo electrónico' }).fill(DEMO.username);
    await page.getByRole('textbox', { name: 'Contraseña' }).fill(DEMO.password);
    await expect(page.getByRole('link', { name: 'Crear una cuenta' })).toBeVisible();
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Inicio' })).toBeVisible();
    const nav = page.getByRole('navigation', { name: 'Principal' });
    for (const name of [
      'Inicio',
      'Gastos',
      'Presupuestos',
      'Suscripciones',
      'Tareas',
      'Listas',
      'Préstamos',
      'Asistente',
    ]) {
      await expect(nav.getByRole('link', { name })).toBeVisible();
    }
    await expect(page.getByRole('button', { name: 'Añadir rápido' })).toBeVisible();
    // Money in the Spanish way: "1.234,56 US$" style, never "$1,234.56".
    await expect(page.getByRole('region', { name: 'Gastos recientes' })).toContainText(
      /\d,\d{2}\s?(US\$|\$)/,
    );
  });
});

test('the language can be switched and is remembered', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('button', { name: 'Español' }).click();
  await expect(page.getByRole('button', { name: 'Iniciar sesión' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Iniciar sesión' })).toBeVisible();
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
});
