/** The spending insights: the AI's, or the rule-based fallback's, and the panel says which. */
import { Alert, Badge, List, Skeleton, Text } from '@mantine/core';
import { $api } from '../../api/client';
import { Panel, sourceLabel, useFormat } from './shared';

export function ExpenseInsights() {
  const { t } = useFormat();
  const query = $api.useQuery('get', '/api/expenses/ai_insights/', undefined, {
    staleTime: 10 * 60_000,
    retry: false,
  });
  const data = query.data;
  const insights = data?.insights;
  return (
    <Panel
      title={t('Insights')}
      actions={
        <>
          {data && (
            <Badge variant="dot" color={data.source === 'fallback' ? 'gray' : 'violet'}>
              {sourceLabel(data.source, t)}
            </Badge>
          )}
        </>
      }
    >
      {query.isError && <Text c="dimmed">{t('Insights are not available right now.')}</Text>}
      {!data && !query.isError && <Skeleton height={80} />}
      {insights && (
        <>
          <Text>{insights.summary}</Text>
          {insights.alerts.map((alert, index) => (
            <Alert key={index} color={alert.level === 'warning' ? 'yellow' : 'blue'}>
              {alert.message}
            </Alert>
          ))}
          {[...insights.spending_trends, ...insights.budget_recommendations].length > 0 && (
            <List spacing={4}>
              {[...insights.spending_trends, ...insights.budget_recommendations].map(
                (line, index) => (
                  <List.Item key={index}>{line}</List.Item>
                ),
              )}
            </List>
          )}
          {insights.category_insights.map((item) => (
            <Text key={item.category} size="sm">
              <b>{t(item.category)}:</b> {item.insight}
            </Text>
          ))}
        </>
      )}
    </Panel>
  );
}
