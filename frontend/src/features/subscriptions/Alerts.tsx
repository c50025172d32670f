/** The subscription alerts (renewals, trials ending, price rises), each dismissible. */
import { Alert, CloseButton, Group, Stack, Text } from '@mantine/core';
import { $api, api } from '../../api/client';
import { useFormat, useRefresh } from '../expenses/shared';

export function Alerts() {
  const { t } = useFormat();
  const refresh = useRefresh();
  const data = $api.useQuery('get', '/api/subscriptions/alerts/', {
    params: { query: { page_size: 5 } },
  }).data;
  const dismiss = async (id: number) => {
    await api.POST('/api/subscriptions/alerts/{alert_id}/dismiss/', {
      params: { path: { alert_id: String(id) } },
    });
    await refresh();
  };
  if (!data?.results.length) return null;
  return (
    <Stack gap="xs" component="section" aria-label={t('Alerts')}>
      {data.results.map((alert) => (
        <Alert key={alert.alert_id} color={alert.is_read ? 'gray' : 'blue'} variant="light" p="xs">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <div>
              <Text fw={600}>{alert.title}</Text>
              <Text size="sm">{alert.message}</Text>
            </div>
            <CloseButton
              className="touch-target"
              aria-label={`${t('Dismiss')}: ${alert.title}`}
              onClick={() => void dismiss(alert.alert_id)}
            />
          </Group>
        </Alert>
      ))}
    </Stack>
  );
}
