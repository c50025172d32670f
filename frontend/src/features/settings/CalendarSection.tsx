/** "Calendar feed": the private iCal link to copy into a calendar app, and a new one on demand. */
import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { $api } from '../../api/client';
import { Section } from './Section';

const FEED_KEY = $api.queryOptions('get', '/api/integrations/calendar/').queryKey;

export function CalendarSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState('');
  const feed = $api.useQuery('get', '/api/integrations/calendar/');
  const regenerate = $api.useMutation('post', '/api/integrations/calendar/regenerate/', {
    onSuccess: (data) => {
      queryClient.setQueryData(FEED_KEY, data);
      setStatus(t('A new link is ready; the old one no longer works.'));
    },
  });
  const url = feed.data?.url ?? '';
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setStatus(t('Link copied.'));
    } catch {
      setStatus(t('Copying is not allowed here: select the link and copy it.'));
    }
  };
  return (
    <Section title={t('Calendar feed')}>
      <Stack>
        <Text size="sm">
          {t('Renewals, due tasks and loans in any calendar app. Keep the link private.')}
        </Text>
        <TextInput
          label={t('Feed link')}
          value={url}
          readOnly
          onFocus={(event) => event.currentTarget.select()}
        />
        <Group>
          <Button onClick={() => void copy()} disabled={!url}>
            {t('Copy link')}
          </Button>
          <Button
            variant="default"
            onClick={() => regenerate.mutate({})}
            loading={regenerate.isPending}
          >
            {t('Regenerate')}
          </Button>
        </Group>
        <Text role="status" mih={24}>
          {status}
        </Text>
      </Stack>
    </Section>
  );
}
