/** "Add items": pasted or typed text ("2 milk, eggs, 1kg rice") read by the server into items. */
import { Button, Group, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../app/auth';
import { useTextEntry } from '../common/useTextEntry';
import { newKey } from '../offline/queue';
import { isNetworkError, keep, offlineNow } from '../offline/sync';
import { useRefreshLists } from './hooks';

/** Adds the text's items; resolves with how many were added and merged (null: kept offline). */
export type ItemAdder = (text: string) => Promise<{ created: number; merged: number } | null>;

/** Add the text's items; offline, they wait on the device (see features/offline). */
export function useAddItems(listId: number): ItemAdder {
  const refresh = useRefreshLists();
  const user = useMe()?.username ?? '';
  return async (text) => {
    const key = newKey();
    const later = async () => {
      await keep({
        kind: 'list-items',
        user,
        scope: `list:${listId}`,
        label: text,
        body: { text },
        key,
      });
      return null;
    };
    if (offlineNow()) return later();
    try {
      const result = unwrap(
        await api.POST('/api/lists/{list_id}/add_items/', {
          headers: { 'Idempotency-Key': key },
          params: { path: { list_id: String(listId) } },
          body: { text, dry_run: false },
        }),
      );
      await refresh();
      return { created: result.created.length, merged: result.merged.length };
    } catch (error) {
      if (isNetworkError(error)) return later();
      throw error;
    }
  };
}

export function AddItems({
  onAdd,
  onAdded,
}: {
  onAdd: ItemAdder;
  onAdded: (text: string) => void;
}) {
  const { t } = useTranslation();
  const add = async (text: string) => {
    const added = await onAdd(text);
    onAdded(
      added
        ? t('Added {{created}}, merged {{merged}}.', added)
        : t('Offline: kept on this device and sent when you are back online.'),
    );
  };
  const { text, setText, busy, error, submit, onKeyDown } = useTextEntry(add);
  return (
    <form onSubmit={(event) => void submit(event)}>
      <Group align="flex-end" wrap="nowrap">
        <Textarea
          label={t('Add items')}
          placeholder={t('2 milk, eggs, 1kg rice')}
          autosize
          minRows={1}
          maxRows={6}
          style={{ flex: 1 }}
          value={text}
          error={error || undefined}
          onChange={(event) => setText(event.currentTarget.value)}
          onKeyDown={onKeyDown}
        />
        <Button type="submit" loading={busy}>
          {t('Add')}
        </Button>
      </Group>
    </form>
  );
}
