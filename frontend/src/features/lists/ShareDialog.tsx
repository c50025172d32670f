/** "Share": a person by "Username or email", "Can edit" or "Can view"; the current shares. */
import {
  Button,
  CloseButton,
  Group,
  List,
  Modal,
  Radio,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useServerForm } from '../auth/useServerForm';
import type { ShoppingList } from './aisles';
import { useRefreshLists } from './hooks';

interface Values {
  username: string;
  permission: 'edit' | 'view';
}

interface Props {
  list: ShoppingList;
  opened: boolean;
  onClose: () => void;
}

function Shares({ list }: { list: ShoppingList }) {
  const { t } = useTranslation();
  const refresh = useRefreshLists();
  const unshare = async (user: string) => {
    unwrap(
      await api.POST('/api/lists/{list_id}/unshare/', {
        params: { path: { list_id: String(list.list_id) } },
        body: { username: user },
      }),
    );
    await refresh();
  };
  if (list.shares.length === 0) return <Text c="dimmed">{t('Not shared yet.')}</Text>;
  return (
    <List listStyleType="none" aria-label={t('Shared with')}>
      {list.shares.map((share) => (
        <List.Item key={share.user_id ?? share.email ?? ''}>
          <Group gap="xs">
            <Text>
              {share.username ?? share.email} ·{' '}
              {share.permission === 'edit' ? t('Can edit') : t('Can view')}
            </Text>
            <CloseButton
              aria-label={t('Stop sharing with {{user}}', { user: share.username ?? share.email })}
              onClick={() => void unshare(share.username ?? share.email ?? '')}
            />
          </Group>
        </List.Item>
      ))}
    </List>
  );
}

export function ShareDialog({ list, opened, onClose }: Props) {
  const { t } = useTranslation();
  const refresh = useRefreshLists();
  const form = useForm<Values>({ defaultValues: { username: '', permission: 'edit' } });
  const { run, formError } = useServerForm(form);
  const onSubmit = run(async (values) => {
    unwrap(
      await api.POST('/api/lists/{list_id}/share/', {
        params: { path: { list_id: String(list.list_id) } },
        body: { username: values.username.trim(), permission: values.permission },
      }),
    );
    form.reset();
    await refresh();
  });
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('Share')}
      closeButtonProps={{ 'aria-label': t('Close') }}
    >
      <Stack>
        <form onSubmit={onSubmit} noValidate>
          <Stack>
            <TextInput
              label={t('Username or email')}
              data-autofocus
              error={form.formState.errors.username?.message ?? formError}
              {...form.register('username', { required: t('Name someone to share with.') })}
            />
            <Controller
              control={form.control}
              name="permission"
              render={({ field }) => (
                <Radio.Group label={t('Permission')} {...field}>
                  <Group mt={4}>
                    <Radio value="edit" label={t('Can edit')} />
                    <Radio value="view" label={t('Can view')} />
                  </Group>
                </Radio.Group>
              )}
            />
            <Group justify="flex-end">
              <Button type="submit" loading={form.formState.isSubmitting}>
                {t('Share')}
              </Button>
            </Group>
          </Stack>
        </form>
        <Shares list={list} />
      </Stack>
    </Modal>
  );
}
