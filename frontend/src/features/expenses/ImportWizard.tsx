/**
 * "Import": a bank CSV, step by step — the file, the detected layout and a preview with
 * the column mapping editable (duplicates and errors marked per row), then the import,
 * which can be undone.
 */
import {
  Badge,
  Button,
  Group,
  Input,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HeaderRow, useFormat } from './shared';
import { useImport, type ImportReport, type Layout } from './useImport';

const FIELDS = [
  'date',
  'amount',
  'debit',
  'credit',
  'vendor',
  'description',
  'category',
  'currency',
] as const;
const FIELD_LABELS: Record<(typeof FIELDS)[number], string> = {
  date: 'Date',
  amount: 'Amount',
  debit: 'Debit',
  credit: 'Credit',
  vendor: 'Vendor',
  description: 'Description',
  category: 'Category',
  currency: 'Currency',
};
const STATUS: Record<string, { label: string; color: string }> = {
  new: { label: 'New', color: 'blue.8' },
  created: { label: 'Imported', color: 'green.9' },
  duplicate: { label: 'Duplicate', color: 'orange.9' },
  skipped: { label: 'Skipped', color: 'gray.7' },
  error: { label: 'Error', color: 'red.8' },
};

const COLUMNS = ['Line', 'Status', 'Date', 'Vendor', 'Category', 'Amount', 'Note'];
/** Every word this wizard translates from a table (checked by a unit test). */
export const IMPORT_WORDS = [
  ...Object.values(FIELD_LABELS),
  ...Object.values(STATUS).map((status) => status.label),
  ...COLUMNS,
];

function layoutOf(report: ImportReport): Layout {
  const detected = report.detected;
  return {
    mapping: { ...(detected.mapping as Record<string, string>) },
    date_format: detected.date_format,
    decimal_separator: detected.decimal_separator === ',' ? ',' : '.',
  };
}

function LayoutEditor({
  columns,
  layout,
  onChange,
}: {
  columns: string[];
  layout: Layout;
  onChange: (layout: Layout) => void;
}) {
  const { t } = useTranslation();
  const setField = (field: string, column: string | null) => {
    const mapping = { ...layout.mapping };
    if (column) mapping[field] = column;
    else delete mapping[field];
    onChange({ ...layout, mapping });
  };
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
      <legend>
        <Text fw={600}>{t('Column mapping')}</Text>
      </legend>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="xs">
        {FIELDS.map((field) => (
          <Select
            key={field}
            label={t(FIELD_LABELS[field])}
            data={columns}
            value={layout.mapping[field] ?? null}
            onChange={(value) => setField(field, value)}
            clearable
            clearButtonProps={{ 'aria-label': `${t('Clear')}: ${t(FIELD_LABELS[field])}` }}
          />
        ))}
        <TextInput
          label={t('Date format')}
          value={layout.date_format}
          onChange={(e) => onChange({ ...layout, date_format: e.currentTarget.value })}
        />
        <Select
          label={t('Decimal separator')}
          data={['.', ',']}
          value={layout.decimal_separator}
          allowDeselect={false}
          onChange={(value) =>
            onChange({ ...layout, decimal_separator: value === ',' ? ',' : '.' })
          }
        />
      </SimpleGrid>
    </fieldset>
  );
}

function Preview({ report }: { report: ImportReport }) {
  const { t, money, date } = useFormat();
  const s = report.summary;
  return (
    <Stack gap="xs">
      <Text>
        {t(
          '{{rows}} rows: {{new}} to import, {{duplicates}} duplicates, {{skipped}} skipped, {{errors}} errors.',
          {
            rows: s.rows,
            new: report.dry_run ? s.to_create : s.created,
            duplicates: s.duplicates,
            skipped: s.skipped,
            errors: s.errors,
          },
        )}
      </Text>
      <Table.ScrollContainer minWidth={640} mah={320}>
        <Table striped aria-label={t('Preview')} stickyHeader>
          <HeaderRow columns={COLUMNS} />
          <Table.Tbody>
            {report.results.slice(0, 100).map((row) => (
              <Table.Tr key={row.row}>
                <Table.Td>{row.row}</Table.Td>
                <Table.Td>
                  <Badge variant="dot" color={STATUS[row.status]?.color}>
                    {t(STATUS[row.status]?.label ?? row.status)}
                  </Badge>
                </Table.Td>
                <Table.Td>{row.date ? date(row.date) : '—'}</Table.Td>
                <Table.Td>{row.vendor || row.description}</Table.Td>
                <Table.Td>{row.category ? t(row.category) : ''}</Table.Td>
                <Table.Td ta="right">{row.amount ? money(row.amount, row.currency) : '—'}</Table.Td>
                <Table.Td>{row.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function Detected({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const d = report.detected;
  const delimiter = d.delimiter === '\t' ? t('tab') : d.delimiter;
  return (
    <Text size="sm">
      {t(
        'Detected: “{{delimiter}}” between columns, header on line {{line}}, dates as {{format}}, “{{decimal}}” before decimals.',
        {
          delimiter,
          line: d.header_row,
          format: d.date_format,
          decimal: d.decimal_separator,
        },
      )}
    </Text>
  );
}

function FileStep({ wizard }: { wizard: ReturnType<typeof useImport> }) {
  const { t } = useTranslation();
  const fileId = useId();
  return (
    <Input.Wrapper
      id={fileId}
      label={t('CSV file')}
      description={t('A bank statement or an expense list, up to 5 MB.')}
    >
      <input
        id={fileId}
        type="file"
        accept=".csv,text/csv,text/plain"
        disabled={wizard.busy}
        onChange={(event) => void wizard.choose(event.currentTarget.files?.[0] ?? null)}
        style={{ display: 'block', marginTop: 6, minHeight: 44 }}
      />
    </Input.Wrapper>
  );
}

function Actions({
  wizard,
  layout,
}: {
  wizard: ReturnType<typeof useImport>;
  layout: Layout | null;
}) {
  const { t } = useTranslation();
  const preview = !wizard.done && layout ? wizard.preview : null;
  return (
    <Group justify="flex-end">
      {preview && layout && (
        <>
          <Button
            variant="default"
            loading={wizard.busy}
            onClick={() => void wizard.choose(wizard.file, layout)}
          >
            {t('Check again')}
          </Button>
          <Button
            loading={wizard.busy}
            disabled={preview.summary.to_create === 0}
            onClick={() => void wizard.commit(layout)}
          >
            {t('Import')}
          </Button>
        </>
      )}
      {wizard.done && wizard.done.summary.created > 0 && (
        <Button
          color="red"
          variant="light"
          loading={wizard.busy}
          onClick={() => void wizard.undo()}
        >
          {t('Undo import')}
        </Button>
      )}
    </Group>
  );
}

/** The layout being edited, reset to what was detected whenever a new preview arrives. */
function useLayout(preview: ImportReport | null) {
  const [layout, setLayout] = useState<Layout | null>(null);
  const [seen, setSeen] = useState<ImportReport | null>(null);
  if (preview !== seen) {
    setSeen(preview);
    setLayout(preview ? layoutOf(preview) : null);
  }
  return [layout, setLayout] as const;
}

function Steps({ wizard }: { wizard: ReturnType<typeof useImport> }) {
  const [layout, setLayout] = useLayout(wizard.preview);
  const report = wizard.done ?? wizard.preview;
  const editing = !wizard.done && wizard.preview;
  return (
    <Stack>
      <FileStep wizard={wizard} />
      {editing && <Detected report={editing} />}
      {editing && layout && (
        <LayoutEditor columns={wizard.columns} layout={layout} onChange={setLayout} />
      )}
      {report && <Preview report={report} />}
      <Actions wizard={wizard} layout={layout} />
    </Stack>
  );
}

export default function ImportWizard({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)');
  const wizard = useImport();
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('Import expenses')}
      size="xl"
      fullScreen={phone}
      closeButtonProps={{ 'aria-label': t('Close') }}
      returnFocus={false}
    >
      <Stack>
        <Steps wizard={wizard} />
        <Text role="status" aria-live="polite">
          {wizard.status}
        </Text>
      </Stack>
    </Modal>
  );
}
