/** The plan for today: the server's AI suggestions (or its rule-based ones). */
import { Card, List, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { $api } from '../../api/client';

export function Suggestions() {
  const { t } = useTranslation();
  const id = useId();
  const query = $api.useQuery('get', '/api/todos/ai_suggestions/', undefined, {
    staleTime: 5 * 60_000,
    retry: false,
  });
  const insights = query.data?.insights;
  return (
    <Card component="section" aria-labelledby={id} withBorder padding="md">
      <Title order={2} size="h4" id={id} mb="xs">
        {t('Suggestions for today')}
      </Title>
      {query.isPending && <Text c="dimmed">{t('Loading…')}</Text>}
      {query.isError && <Text c="dimmed">{t('No suggestions right now.')}</Text>}
      {insights && (
        <>
          <Text size="sm" mb="xs">
            {insights.summary}
          </Text>
          <List spacing={4}>
            {insights.plan.map((item) => (
              <List.Item key={item.todo_id}>
                <Text fw={600} span>
                  {item.title}
                </Text>{' '}
                <Text size="sm" c="dimmed" span>
                  {t('{{minutes}} min', { minutes: item.minutes })} · {item.reason}
                </Text>
              </List.Item>
            ))}
          </List>
          {insights.defer.length > 0 && (
            <Text size="sm" mt="xs">
              {t('Can wait: {{titles}}', {
                titles: insights.defer.map((item) => item.title).join(', '),
              })}
            </Text>
          )}
        </>
      )}
    </Card>
  );
}
