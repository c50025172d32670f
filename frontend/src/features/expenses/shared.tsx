/** Pieces the money screens (expenses, budgets, subscriptions) share. */
import {
  Alert,
  Button,
  Group,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, type FormEventHandler, type ReactNode } from 'react';
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

/** A titled section of a page: a region named by its heading, with optional actions beside it. */
export function Panel({
  title,
  actions,
  children,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h3" id={id}>
            {title}
          </Title>
          {actions}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}

/** One figure: a dimmed label over its value. */
export function Figure({
  label,
  value,
  size = 'lg',
}: {
  label: string;
  value: ReactNode;
  size?: 'lg' | 'xl';
}) {
  return (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size={size}>
        {value}
      </Text>
    </div>
  );
}

/** A table's header row from English column names (translated), with an unnamed actions column. */
export function HeaderRow({ columns, actions = false }: { columns: string[]; actions?: boolean }) {
  const { t } = useTranslation();
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((name) => (
          <Table.Th key={name} scope="col">
            {t(name)}
          </Table.Th>
        ))}
        {actions && (
          <Table.Th scope="col">
            <VisuallyHidden>{t('Actions')}</VisuallyHidden>
          </Table.Th>
        )}
      </Table.Tr>
    </Table.Thead>
  );
}

interface SaveFormProps {
  onSubmit: FormEventHandler<HTMLFormElement>;
  onCancel: () => void;
  error: string | null;
  saving: boolean;
  children: ReactNode;
}

/** A dialog's form: the server's general error above the fields, Cancel and Save below. */
export function SaveForm({ onSubmit, onCancel, error, saving, children }: SaveFormProps) {
  const { t } = useTranslation();
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        {error && <Alert color="red">{error}</Alert>}
        {children}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('Cancel')}
          </Button>
          <Button type="submit" loading={saving}>
            {t('Save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A form's dialog: its content mounts when opened (fresh values each time); the page
 * gives focus back to the opener (useOpener). */
export function FormDialog({
  opened,
  onClose,
  title,
  children,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      size="lg"
      closeButtonProps={{ 'aria-label': t('Close') }}
      returnFocus={false}
    >
      {opened && children}
    </Modal>
  );
}
