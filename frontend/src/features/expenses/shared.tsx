/** Pieces the money screens (expenses, budgets, subscriptions) share. */
import { VisuallyHidden } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatMoney, localeFor } from '../../app/format';

/** t, the locale, and money and dates formatted in it. */
export function useFormat() {
  const { t, i18n } = useTranslation();
  const locale = localeFor(i18n.language);
  return {
    t,
    locale,
    money: (amount: string | number, currency: string) => formatMoney(amount, currency, locale),
    date: (iso: string) => formatDate(iso, locale),
  };
}

/**
 * Focus back on the control that opened a dialog once it closes: Mantine's own return
 * loses it when the dialog autofocuses a field or unmounts.
 */
export function useOpener() {
  const opener = useRef<HTMLElement | null>(null);
  return {
    remember: () => {
      opener.current =
        document.activeElement instanceof HTMLElement ? document.activeElement : null;
    },
    restore: () => {
      setTimeout(() => opener.current?.isConnected && opener.current.focus(), 30);
    },
  };
}

/** After a write: every cached answer may have changed (lists, totals, Home, budgets). */
export function useRefresh(): () => Promise<void> {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries();
}

interface FigureProps {
  label: string;
  columns: string[];
  rows: (string | number)[][];
  children: ReactNode;
}

/** A chart as a named figure: the drawing hidden from screen readers, the same numbers as a table. */
export function ChartFigure({ label, columns, rows, children }: FigureProps) {
  return (
    <figure aria-label={label} style={{ margin: 0 }}>
      <div aria-hidden>{children}</div>
      <VisuallyHidden>
        <table>
          <caption>{label}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={index}>
                {row.map((cell, column) => (
                  <td key={column}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </VisuallyHidden>
    </figure>
  );
}

/** Where an insight came from, in words: the AI, its cache, or the built-in rules. */
export function sourceLabel(source: string, t: (key: string) => string): string {
  if (source === 'fallback') return t('Rule-based insights (AI not used)');
  if (source === 'cache') return t('AI insights (saved earlier today)');
  return t('AI insights');
}
