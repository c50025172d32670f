/**
 * The import's state: a dry run of the chosen file (what each row would become), re-run
 * with a corrected layout, then the real import, then its undo.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { headerColumns } from './csv';
import { useRefresh } from './shared';

export type ImportReport = components['schemas']['ImportReport'];
type ImportBody = components['schemas']['ImportRequestRequest'];

export interface Layout {
  mapping: Record<string, string>;
  date_format: string;
  decimal_separator: '.' | ',';
}

function formData(body: Record<string, unknown>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(body)) {
    if (value instanceof Blob) form.append(key, value, (value as File).name);
    else if (value !== undefined) form.append(key, String(value));
  }
  return form;
}

async function send(file: File, layout: Layout | null, dryRun: boolean): Promise<ImportReport> {
  const body: Record<string, unknown> = { file, dry_run: dryRun };
  if (layout) {
    body.mapping = JSON.stringify(layout.mapping);
    body.date_format = layout.date_format;
    body.decimal_separator = layout.decimal_separator;
  }
  return unwrap(
    await api.POST('/api/integrations/import/expenses/', {
      body: body as unknown as ImportBody,
      bodySerializer: formData,
    }),
  );
}

/** Undo an import on the server, in one atomic request: what it created goes, nothing else. */
async function undoImport(report: ImportReport): Promise<number> {
  if (report.import_id === null) return 0;
  const { response } = await api.DELETE('/api/integrations/import/{import_id}/', {
    params: { path: { import_id: String(report.import_id) } },
  });
  if (!response.ok) throw new ApiError(response.status, null);
  return report.summary.created;
}

export function useImport() {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const [file, setFile] = useState<File | null>(null);
  const [columns, setColumns] = useState<string[]>([]);
  const [preview, setPreview] = useState<ImportReport | null>(null);
  const [done, setDone] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');

  const attempt = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      setStatus(
        error instanceof ApiError ? error.message : t('Could not reach MY SPHERE. Try again.'),
      );
    } finally {
      setBusy(false);
    }
  };
  const choose = (chosen: File | null, layout: Layout | null = null) =>
    attempt(async () => {
      setFile(chosen);
      setDone(null);
      setPreview(null);
      if (!chosen) return;
      const report = await send(chosen, layout, true);
      setColumns(
        headerColumns(await chosen.text(), report.detected.header_row, report.detected.delimiter),
      );
      setPreview(report);
      setStatus(t('Check the preview, then import.'));
    });
  const commit = (layout: Layout) =>
    attempt(async () => {
      if (!file) return;
      const report = await send(file, layout, false);
      setDone(report);
      setStatus(t('Expenses imported: {{count}}.', { count: report.summary.created }));
      await refresh();
    });
  const undo = () =>
    attempt(async () => {
      if (!done) return;
      const count = await undoImport(done);
      setDone(null);
      setPreview(null);
      setStatus(t('Import undone; expenses removed: {{count}}.', { count }));
      await refresh();
    });
  return { file, columns, preview, done, busy, status, choose, commit, undo };
}
