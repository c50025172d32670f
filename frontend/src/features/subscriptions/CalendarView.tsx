/** "Calendar": a month grid of renewals and trial ends, with the month's total per currency. */
import {
  Box,
  Button,
  Group,
  List,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { $api } from '../../api/client';
import type { components } from '../../api/schema';
import { monthOf } from '../budgets/plan';
import { useFormat } from '../expenses/shared';
import { monthWeeks, shiftMonth, weekdayNames } from './calendar';

type CalendarEvent = components['schemas']['CalendarEvent'];

function EventLine({ event }: { event: CalendarEvent }) {
  const { t, money } = useFormat();
  return (
    <Text size="xs" lh={1.3}>
      {event.type === 'trial_end'
        ? `${t('Trial ends')}: ${event.name}`
        : `${event.name} ${money(event.amount, event.currency)}`}
    </Text>
  );
}

function Grid({ month, byDay }: { month: string; byDay: Map<string, CalendarEvent[]> }) {
  const { t, locale } = useFormat();
  return (
    <Table
      withTableBorder
      withColumnBorders
      layout="fixed"
      aria-label={t('Renewals calendar')}
      visibleFrom="sm"
    >
      <Table.Thead>
        <Table.Tr>
          {weekdayNames(locale).map((name) => (
            <Table.Th key={name} scope="col">
              {name}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {monthWeeks(month).map((week) => (
          <Table.Tr key={week[0]!.iso}>
            {week.map((day) => (
              <Table.Td key={day.iso} valign="top" h={88}>
                <Text size="sm" fw={700} c={day.inMonth ? undefined : 'dimmed'}>
                  {day.day}
                </Text>
                {(byDay.get(day.iso) ?? []).map((event) => (
                  <EventLine key={`${event.subscription_id}-${event.type}`} event={event} />
                ))}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** On a phone: the month's days with something on them, as a list. */
function DayList({ byDay }: { byDay: Map<string, CalendarEvent[]> }) {
  const { t, date } = useFormat();
  const days = [...byDay.keys()].sort();
  return (
    <Box hiddenFrom="sm">
      {days.length === 0 && <Text c="dimmed">{t('Nothing renews this month.')}</Text>}
      <List listStyleType="none" spacing="xs" aria-label={t('Renewals calendar')}>
        {days.map((day) => (
          <List.Item key={day}>
            <Text fw={700}>{date(day)}</Text>
            {byDay.get(day)!.map((event) => (
              <EventLine key={`${event.subscription_id}-${event.type}`} event={event} />
            ))}
          </List.Item>
        ))}
      </List>
    </Box>
  );
}

export function CalendarView() {
  const { t, money, locale } = useFormat();
  const [month, setMonth] = useState(monthOf());
  const data = $api.useQuery('get', '/api/subscriptions/calendar/', {
    params: { query: { month } },
  }).data;
  const byDay = new Map<string, CalendarEvent[]>();
  for (const event of data?.events ?? [])
    byDay.set(event.date, [...(byDay.get(event.date) ?? []), event]);
  const [year, number] = month.split('-').map(Number) as [number, number];
  const title = new Intl.DateTimeFormat(locale, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, number - 1, 1)));
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="calendar-month">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Button variant="default" onClick={() => setMonth(shiftMonth(month, -1))}>
            {t('Previous month')}
          </Button>
          <Title order={2} size="h3" id="calendar-month" aria-live="polite">
            {title}
          </Title>
          <Button variant="default" onClick={() => setMonth(shiftMonth(month, 1))}>
            {t('Next month')}
          </Button>
        </Group>
        <Group role="group" aria-label={t('Total this month')}>
          <Text fw={600}>{t('Total this month')}:</Text>
          {data?.totals.map((row) => (
            <Text key={row.currency} fw={700}>
              {money(row.total, row.currency)}
            </Text>
          ))}
          {data && !data.totals.length && <Text>—</Text>}
        </Group>
        {!data && <Skeleton height={400} />}
        {data && <Grid month={month} byDay={byDay} />}
        {data && <DayList byDay={byDay} />}
      </Stack>
    </Paper>
  );
}
