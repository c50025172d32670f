/** The items as checkboxes under aisle headings; in shopping mode big, with checked ones sunk. */
import { Box, Checkbox, Group, Stack, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { groupByAisle, amountText, type Item } from './aisles';
import { useToggleItem } from './hooks';

interface Props {
  listId: number;
  items: Item[];
  shopping: boolean;
  readOnly: boolean;
}

function ItemRow({
  item,
  shopping,
  readOnly,
  onToggle,
}: {
  item: Item;
  shopping: boolean;
  readOnly: boolean;
  onToggle: (checked: boolean, settled: () => void) => void;
}) {
  const { t } = useTranslation();
  const amount = amountText(item);
  // What this person just did shows at once, before the server and the next poll agree.
  const [mine, setMine] = useState<boolean | null>(null);
  const checked = mine ?? item.is_checked;
  return (
    <Box component="li" py={shopping ? 8 : 4}>
      <Group gap="xs" wrap="nowrap">
        <Checkbox
          size={shopping ? 'xl' : 'md'}
          className="touch-target"
          styles={{
            body: { alignItems: 'center' },
            label: {
              fontSize: shopping ? 'var(--mantine-font-size-xl)' : undefined,
              textDecoration: checked ? 'line-through' : undefined,
            },
          }}
          label={item.name}
          checked={checked}
          disabled={readOnly}
          onChange={(event) => {
            setMine(event.currentTarget.checked);
            onToggle(event.currentTarget.checked, () => setMine(null));
          }}
        />
        {amount && <Text size={shopping ? 'lg' : 'sm'}>{amount}</Text>}
        {item.is_checked && item.checked_by_username && !shopping && (
          <Text size="sm" c="dimmed">
            {t('ticked by {{user}}', { user: item.checked_by_username })}
          </Text>
        )}
      </Group>
    </Box>
  );
}

function heading(aisle: string, t: (key: string) => string): string {
  if (aisle === 'cart') return t('In the cart');
  return aisle ? t(aisle) : t('Other items');
}

export function ItemsView({ listId, items, shopping, readOnly }: Props) {
  const { t } = useTranslation();
  const toggle = useToggleItem(listId);
  const prefix = useId();
  if (items.length === 0) return <Text c="dimmed">{t('No items yet.')}</Text>;
  return (
    <Stack gap="md">
      {groupByAisle(items, shopping).map((group, index) => (
        <section key={group.aisle} aria-labelledby={`${prefix}-${index}`}>
          <Title order={2} size="h5" id={`${prefix}-${index}`}>
            {heading(group.aisle, t)}
          </Title>
          <Box component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {group.items.map((item) => (
              <ItemRow
                key={item.item_id}
                item={item}
                shopping={shopping}
                readOnly={readOnly}
                onToggle={(checked, settled) =>
                  toggle.mutate({ item, checked }, { onSettled: settled })
                }
              />
            ))}
          </Box>
        </section>
      ))}
    </Stack>
  );
}
