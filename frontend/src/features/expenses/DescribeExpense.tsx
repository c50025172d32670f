/**
 * "Describe an expense": each line is read by the server (AI, else its parser) without
 * saving; the person checks or corrects what was understood, then confirms.
 */
import {
  Badge,
  Button,
  CloseButton,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../../api/client';
import { CATEGORIES } from './filters';
import { useFormat, useRefresh } from './shared';

export interface Draft {
  key: string;
  text: string;
  amount: string;
  currency: string;
  category: string;
  vendor: string;
  date: string;
  confidence: number;
}

/** As many rows as lines typed (1 to 6): no measuring, so the page lays out once on load. */
const rowsFor = (text: string) => Math.min(6, text.split('\n').length);

async function readLine(text: string, index: number): Promise<Draft> {
  const result = unwrap(
    await api.POST('/api/expenses/parse_text/', { body: { text, dry_run: true } }),
  );
  const parsed = result.parsed_data;
  return {
    key: `${index}-${text}`,
    text,
    amount: parsed.amount,
    currency: parsed.currency,
    category: parsed.category,
    vendor: parsed.vendor,
    date: parsed.date,
    confidence: parsed.confidence,
  };
}

function DraftFields({ draft, set }: { draft: Draft; set: (patch: Partial<Draft>) => void }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="xs">
      <TextInput
        label={t('Amount')}
        inputMode="decimal"
        value={draft.amount}
        onChange={(e) => set({ amount: e.currentTarget.value })}
      />
      <TextInput
        label={t('Currency')}
        value={draft.currency}
        maxLength={3}
        onChange={(e) => set({ currency: e.currentTarget.value.toUpperCase() })}
      />
      <Select
        label={t('Category')}
        data={CATEGORIES.map((name) => ({ value: name, label: t(name) }))}
        value={draft.category}
        onChange={(value) => set({ category: value ?? 'Other' })}
        allowDeselect={false}
      />
      <TextInput
        label={t('Vendor')}
        value={draft.vendor}
        onChange={(e) => set({ vendor: e.currentTarget.value })}
      />
      <TextInput
        type="date"
        label={t('Date')}
        value={draft.date}
        onChange={(e) => set({ date: e.currentTarget.value })}
      />
    </SimpleGrid>
  );
}

function DraftCard({
  draft,
  onChange,
  onRemove,
}: {
  draft: Draft;
  onChange: (draft: Draft) => void;
  onRemove: () => void;
}) {
  const { t, locale } = useFormat();
  const confidence = new Intl.NumberFormat(locale, { style: 'percent' }).format(draft.confidence);
  return (
    <Paper withBorder p="sm" component="article" aria-label={draft.text}>
      <Group justify="space-between" wrap="nowrap" mb="xs">
        <Text size="sm" fw={600} lineClamp={1}>
          “{draft.text}”
        </Text>
        <Group gap="xs" wrap="nowrap">
          <Badge variant="dot" color={draft.confidence >= 0.7 ? 'green' : 'orange'}>
            {t('Confidence {{value}}', { value: confidence })}
          </Badge>
          <CloseButton
            aria-label={`${t('Remove')}: ${draft.text}`}
            onClick={onRemove}
            className="touch-target"
          />
        </Group>
      </Group>
      <DraftFields draft={draft} set={(patch) => onChange({ ...draft, ...patch })} />
    </Paper>
  );
}

/** Save each checked draft; the ones the server refuses stay, with its message. */
async function saveDrafts(drafts: Draft[]): Promise<{ left: Draft[]; errors: string[] }> {
  const left: Draft[] = [];
  const errors: string[] = [];
  for (const draft of drafts) {
    const { error, response } = await api.POST('/api/expenses/', {
      body: {
        amount: draft.amount.trim(),
        currency: draft.currency,
        category: draft.category,
        vendor: draft.vendor,
        transaction_date: draft.date,
        raw_text: draft.text,
      },
    });
    if (!response.ok) {
      left.push(draft);
      errors.push(`“${draft.text}”: ${new ApiError(response.status, error).message}`);
    }
  }
  return { left, errors };
}

/** The text, the drafts read from it, and the two steps: read, then confirm. */
function useDescribe() {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const [text, setText] = useState('');
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const read = async (event: FormEvent) => {
    event.preventDefault();
    const lines = text
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .slice(0, 20);
    if (!lines.length) return;
    setBusy(true);
    try {
      setDrafts(await Promise.all(lines.map(readLine)));
      setStatus(t('Check what I understood, then confirm.'));
    } catch (error) {
      setStatus(
        error instanceof ApiError ? error.message : t('Could not reach MY SPHERE. Try again.'),
      );
    } finally {
      setBusy(false);
    }
  };
  const confirm = async () => {
    setBusy(true);
    const { left, errors } = await saveDrafts(drafts);
    const saved = drafts.length - left.length;
    setDrafts(left);
    if (!left.length) setText('');
    setStatus(
      [saved ? t('Expenses saved: {{count}}.', { count: saved }) : '', ...errors]
        .filter(Boolean)
        .join(' '),
    );
    setBusy(false);
    await refresh();
  };
  const cancel = () => {
    setDrafts([]);
    setStatus(t('Cancelled: nothing was saved.'));
  };
  const type = (value: string) => {
    setText(value);
    if (drafts.length) setDrafts([]);
  };
  return { text, type, drafts, setDrafts, busy, status, read, confirm, cancel };
}

export function DescribeExpense() {
  const { t } = useTranslation();
  const describe = useDescribe();
  const { drafts, setDrafts } = describe;
  return (
    <Paper withBorder p="sm" component="section" aria-label={t('Describe an expense')}>
      <form onSubmit={(event) => void describe.read(event)}>
        <Stack gap="sm">
          <Textarea
            label={t('Describe an expense')}
            description={t('One per line, e.g. “Lunch at Subway $9 yesterday”.')}
            rows={rowsFor(describe.text)}
            maxLength={4000}
            value={describe.text}
            onChange={(event) => describe.type(event.currentTarget.value)}
          />
          <Group>
            <Button type="submit" variant="light" loading={describe.busy && !drafts.length}>
              {t('Read')}
            </Button>
          </Group>
          {drafts.map((draft, index) => (
            <DraftCard
              key={draft.key}
              draft={draft}
              onChange={(next) => setDrafts(drafts.map((item, i) => (i === index ? next : item)))}
              onRemove={() => setDrafts(drafts.filter((_, i) => i !== index))}
            />
          ))}
          {drafts.length > 0 && (
            <Group justify="flex-end">
              <Button variant="default" onClick={describe.cancel}>
                {t('Cancel')}
              </Button>
              <Button onClick={() => void describe.confirm()} loading={describe.busy}>
                {t('Confirm')}
              </Button>
            </Group>
          )}
          <Text role="status" aria-live="polite" size="sm">
            {describe.status}
          </Text>
        </Stack>
      </form>
    </Paper>
  );
}
