import { expect, test } from '@playwright/test';
import {
  asUser,
  expectAccessibleBothThemes,
  expectFitsPhone,
  freshUser,
  isoDay,
  usDate,
} from './daily';

test('add tasks with the quick-add syntax, complete a recurring one, see its next date', async ({
  page,
  request,
}) => {
  await freshUser(page, request, 'todo');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'To-dos' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'To-dos' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Today', selected: true })).toBeVisible();

  const box = page.getByRole('textbox', { name: 'Add a task' });
  await box.fill('Water the plants every day p1 #home');
  const preview = page.getByRole('region', { name: 'What I understood' });
  await expect(preview).toContainText('Water the plants');
  await expect(preview).toContainText('#home');
  await expect(preview).toContainText('urgent');
  await box.press('Enter');
  await expect(box).toHaveValue('');

  const task = page.getByRole('checkbox', { name: 'Water the plants' });
  await expect(task).toBeVisible();
  await expect(page.getByRole('listitem').filter({ has: task })).toContainText('urgent');
  await task.click(); // it leaves the list once done, so its state is not what to check
  await expect(page.getByRole('status')).toContainText(
    `Done: “Water the plants”. Next: ${usDate(isoDay(1))}.`,
  );
  await expect(page.getByRole('checkbox', { name: 'Water the plants' })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Upcoming' }).click();
  await expect(page.getByRole('checkbox', { name: 'Water the plants' })).toBeVisible();
  await expectAccessibleBothThemes(page);
  await expectFitsPhone(page);
});

test('subtasks nest; edit in place; move up and down; overdue is highlighted', async ({
  page,
  request,
}) => {
  const user = await freshUser(page, request, 'todo');
  const api = asUser(request, user.access);
  await api.post('/api/todos/', { title: 'Renew passport', due_date: isoDay(-3) });
  await page.goto('/todos');
  const late = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('checkbox', { name: 'Renew passport' }) });
  await expect(late).toContainText(`Overdue: ${usDate(isoDay(-3))}`);

  await page.getByRole('tab', { name: 'All' }).click();
  await page
    .getByRole('textbox', { name: 'Add a task' })
    .fill('Plan the trip\n- Book flights\n- Pack bags');
  await expect(page.getByRole('region', { name: 'What I understood' })).toContainText('Pack bags');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const trip = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('checkbox', { name: 'Plan the trip' }) });
  await expect(trip.getByRole('checkbox')).toHaveCount(3);

  const subtasks = trip.getByRole('list').getByRole('checkbox');
  await expect(subtasks.nth(0)).toHaveAccessibleName('Book flights');
  await page.getByRole('button', { name: 'Actions for Pack bags' }).click();
  await page.getByRole('menuitem', { name: 'Move up' }).click();
  await expect(subtasks.nth(0)).toHaveAccessibleName('Pack bags');

  await page.getByRole('button', { name: 'Actions for Book flights' }).click();
  await page.getByRole('menuitem', { name: 'Edit' }).click();
  await page.getByRole('textbox', { name: 'Title' }).fill('Book the flights');
  await page.getByRole('textbox', { name: 'Tags' }).fill('travel');
  await page.getByRole('button', { name: 'Save' }).click();
  const booked = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('checkbox', { name: 'Book the flights' }) })
    .last();
  await expect(booked).toContainText('#travel');

  // A parent with open subtasks asks first (and stays unchecked until confirmed).
  await trip.getByRole('checkbox', { name: 'Plan the trip' }).click();
  const dialog = page.getByRole('dialog', { name: 'Complete the subtasks too?' });
  await expect(dialog).toBeVisible();
  await expectAccessibleBothThemes(page);
  await dialog.getByRole('button', { name: 'Complete all' }).click();
  await expect(page.getByRole('checkbox', { name: 'Plan the trip' })).toHaveCount(0);
  await expect(page.getByRole('checkbox', { name: 'Pack bags' })).toHaveCount(0);
});
