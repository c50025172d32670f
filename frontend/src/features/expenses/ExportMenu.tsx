/** "Export": the filtered list as CSV, or all my data as one JSON document. */
import { Button, Menu } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import { filenameOf, saveBlob } from './download';
import { exportQuery, type Filters } from './filters';

export function ExportMenu({
  filters,
  onError,
}: {
  filters: Filters;
  onError: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const run = async (what: 'csv' | 'json') => {
    setBusy(true);
    try {
      const query = exportQuery(filters);
      const result =
        what === 'csv'
          ? await api.GET('/api/expenses/export/', { params: { query }, parseAs: 'blob' })
          : await api.GET('/api/integrations/export/', { parseAs: 'blob' });
      if (!result.response.ok || !result.data)
        throw new ApiError(result.response.status, result.error);
      saveBlob(
        result.data as Blob,
        filenameOf(result.response, what === 'csv' ? 'expenses.csv' : 'mysphere-export.json'),
      );
    } catch (error) {
      onError(
        error instanceof ApiError ? error.message : t('Could not reach MY SPHERE. Try again.'),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconDownload size={18} aria-hidden />}
          loading={busy}
        >
          {t('Export')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => void run('csv')}>{t('These expenses as CSV')}</Menu.Item>
        <Menu.Item onClick={() => void run('json')}>{t('All my data as JSON')}</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
