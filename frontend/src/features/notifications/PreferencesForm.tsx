/** How each kind of notification reaches the user: in app, email, daily digest or none. */
import { Card, NativeSelect, SimpleGrid, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { $api } from '../../api/client';
import { CHANNELS, KIND_LABEL, type Preferences } from './links';

const PREFS_KEY = $api.queryOptions('get', '/api/integrations/notifications/preferences/').queryKey;

export function PreferencesForm() {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState('');
  const prefs = $api.useQuery('get', '/api/integrations/notifications/preferences/');
  const save = $api.useMutation('patch', '/api/integrations/notifications/preferences/', {
    onSuccess: (data) => {
      queryClient.setQueryData(PREFS_KEY, data);
      void queryClient.invalidateQueries();
      setSaved(t('Saved.'));
    },
  });
  const data = prefs.data;
  return (
    <Card component="section" aria-labelledby={id} withBorder padding="md">
      <Title order={2} size="h4" id={id} mb="xs">
        {t('Preferences')}
      </Title>
      <Text size="sm" mb="sm">
        {t('How each kind of notification reaches you.')}
      </Text>
      {data && (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {(Object.keys(KIND_LABEL) as (keyof Preferences)[]).map((kind) => (
            <NativeSelect
              key={kind}
              label={t(KIND_LABEL[kind])}
              value={data[kind] ?? 'in_app'}
              data={CHANNELS.map(([value, label]) => ({ value, label: t(label) }))}
              onChange={(event) => save.mutate({ body: { [kind]: event.currentTarget.value } })}
            />
          ))}
        </SimpleGrid>
      )}
      <Text role="status" mt="xs" mih={24}>
        {saved}
      </Text>
    </Card>
  );
}
