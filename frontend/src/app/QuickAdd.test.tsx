import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import './i18n';
import { QuickAdd } from './QuickAdd';

const proposal = {
  reply: 'Log 4.50 USD at Starbucks?',
  intent: 'log_expense',
  feature: 'expenses',
  objects: [
    {
      type: 'expense',
      id: null,
      data: {
        amount: '4.50',
        currency: 'USD',
        vendor: 'Starbucks',
        category: 'Food & Dining',
        date: '2026-12-07',
      },
    },
  ],
  executed: false,
  needs_confirmation: true,
  message_id: 1,
  source: 'fallback',
  ai_used: false,
  fallback_used: true,
  calls_remaining: 3,
};

/** A server that proposes, then carries out on confirm; it records what it was sent. */
function stubChat() {
  const bodies: unknown[] = [];
  const keys: (string | null)[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      if (request.method !== 'POST') return new Response('{}', { status: 200 });
      const body = await request.json();
      bodies.push(body);
      keys.push(request.headers.get('Idempotency-Key'));
      const answer = body.confirm
        ? {
            ...proposal,
            reply: 'Done: Log 4.50 USD at Starbucks.',
            executed: true,
            needs_confirmation: false,
          }
        : proposal;
      return new Response(JSON.stringify(answer), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      });
    }),
  );
  return { bodies, keys };
}

function renderOpen() {
  const client = new QueryClient();
  render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <QuickAdd opened onOpen={() => undefined} onClose={() => undefined} />
      </QueryClientProvider>
    </MantineProvider>,
  );
}

describe('Quick add', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows what it understood, then carries it out on Confirm', async () => {
    const { bodies, keys } = stubChat();
    renderOpen();
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Quick add' }), 'coffee 4.50 at Starbucks');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    const understood = await screen.findByRole('table', { name: 'What I understood' });
    expect(understood).toHaveTextContent('$4.50');
    expect(understood).toHaveTextContent('Starbucks');
    await user.click(screen.getByRole('button', { name: 'Confirm' }));
    expect(await screen.findByText('Done: Log 4.50 USD at Starbucks.')).toHaveAttribute(
      'role',
      'status',
    );
    expect(bodies).toEqual([
      { message: 'coffee 4.50 at Starbucks', confirm: false },
      { message: 'coffee 4.50 at Starbucks', confirm: true },
    ]);
    expect(screen.getByRole('textbox', { name: 'Quick add' })).toHaveValue('');
    expect(keys[0]).toBeNull();
    expect(keys[1]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('Cancel writes nothing and says so', async () => {
    const { bodies } = stubChat();
    renderOpen();
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Quick add' }), 'coffee 4.50');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    await user.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('status')).toHaveTextContent('Cancelled: nothing was saved.');
    expect(bodies).toEqual([{ message: 'coffee 4.50', confirm: false }]);
  });
});
