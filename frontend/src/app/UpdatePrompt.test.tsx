import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import './i18n';

const update = vi.fn(async () => undefined);
vi.mock('virtual:pwa-register/react', () => ({
  useRegisterSW: () => ({
    needRefresh: [true, () => undefined],
    offlineReady: [false, () => undefined],
    updateServiceWorker: update,
  }),
}));

describe('a new deployment', () => {
  it('offers "Reload to update", which activates the waiting service worker and reloads', async () => {
    const { UpdatePrompt } = await import('./UpdatePrompt');
    render(
      <MantineProvider>
        <UpdatePrompt />
      </MantineProvider>,
    );
    expect(screen.getByRole('status')).toHaveTextContent('A new version of MY SPHERE is ready.');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Reload to update' }));
    expect(update).toHaveBeenCalledWith(true);
  });
});
