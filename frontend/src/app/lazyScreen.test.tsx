import { act, render, screen } from '@testing-library/react';
import { Suspense } from 'react';
import { describe, expect, it } from 'vitest';
import { lazyScreen } from './lazyScreen';

const Page = ({ name }: { name: string }) => <h1>{name}</h1>;

describe('a screen whose code was preloaded', () => {
  it('renders at once, never showing the fallback', async () => {
    const Screen = lazyScreen(async () => ({ default: Page }));
    await Screen.preload();
    render(
      <Suspense fallback={<p>Loading…</p>}>
        <Screen name="Expenses" />
      </Suspense>,
    );
    expect(screen.getByRole('heading', { name: 'Expenses' })).toBeInTheDocument();
    expect(screen.queryByText('Loading…')).not.toBeInTheDocument();
  });

  it('loads its code once, on first render when not preloaded', async () => {
    let loads = 0;
    const Screen = lazyScreen(async () => {
      loads += 1;
      return { default: Page };
    });
    render(
      <Suspense fallback={<p>Loading…</p>}>
        <Screen name="Budgets" />
      </Suspense>,
    );
    expect(screen.getByText('Loading…')).toBeInTheDocument();
    await act(() => Screen.preload());
    expect(await screen.findByRole('heading', { name: 'Budgets' })).toBeInTheDocument();
    expect(loads).toBe(1);
  });
});
