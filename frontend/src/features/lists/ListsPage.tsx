/** /lists: the user's lists and those shared with them; "New list". */
import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title, Anchor } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { $api } from '../../api/client';
import type { ShoppingList } from './aisles';
import { LIST_TYPES } from './NewList';
import { NewList } from './NewList';

function typeLabel(type: string): string {
  return LIST_TYPES.find(([value]) => value === type)?.[1] ?? 'Other list';
}

function ListCard({ list }: { list: ShoppingList }) {
  const { t } = useTranslation();
  return (
    <Card withBorder component="article" padding="md">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Anchor component={Link} to={`/lists/${list.list_id}`} fw={700} size="lg">
          {list.name}
        </Anchor>
        <Badge variant="light">{t(typeLabel(list.list_type))}</Badge>
      </Group>
      <Text size="sm" mt={4}>
        {t('{{checked}} of {{count}} ticked', {
          checked: list.checked_count,
          count: list.item_count,
        })}
      </Text>
      {list.role !== 'owner' && (
        <Text size="sm" c="dimmed">
          {t('Shared by {{owner}}', { owner: list.owner })}
        </Text>
      )}
      {list.role === 'owner' && list.shares.length > 0 && (
        <Text size="sm" c="dimmed">
          {t('Shared with {{people}}', {
            people: list.shares.map((share) => share.username).join(', '),
          })}
        </Text>
      )}
    </Card>
  );
}

export default function ListsPage() {
  const { t } = useTranslation();
  const [opened, dialog] = useDisclosure(false);
  const lists = $api.useQuery('get', '/api/lists/', {
    params: { query: { is_archived: false, page_size: 100 } as never },
  });
  const rows = (lists.data?.results ?? []) as ShoppingList[];
  const templates = rows.filter((list) => list.is_template);
  const active = rows.filter((list) => !list.is_template);
  return (
    <Stack maw={1000}>
      <Group justify="space-between">
        <Title order={1}>{t('Lists')}</Title>
        <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={dialog.open}>
          {t('New list')}
        </Button>
      </Group>
      {lists.isPending && <Text c="dimmed">{t('Loading…')}</Text>}
      {lists.data && active.length === 0 && <Text c="dimmed">{t('No lists yet.')}</Text>}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {active.map((list) => (
          <ListCard key={list.list_id} list={list} />
        ))}
      </SimpleGrid>
      {templates.length > 0 && (
        <section aria-labelledby="templates-heading">
          <Title order={2} size="h4" id="templates-heading" mb="xs">
            {t('Templates')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {templates.map((list) => (
              <ListCard key={list.list_id} list={list} />
            ))}
          </SimpleGrid>
        </section>
      )}
      <NewList opened={opened} onClose={dialog.close} templates={templates} />
    </Stack>
  );
}
