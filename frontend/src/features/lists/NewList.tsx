/** "New list": a name and a kind, or a copy of one of the user's templates. */
import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { Controller, useForm, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useServerForm } from '../auth/useServerForm';
import type { ShoppingList } from './aisles';
import { useRefreshLists } from './hooks';

export const LIST_TYPES = [
  ['shopping', 'Shopping'],
  ['packing', 'Packing'],
  ['todo', 'To-do'],
  ['wishlist', 'Wish list'],
  ['custom', 'Other list'],
] as const;

interface Values {
  name: string;
  list_type: ShoppingList['list_type'];
  template: string | null;
}

async function create(values: Values): Promise<ShoppingList> {
  if (values.template) {
    return unwrap(
      await api.POST('/api/lists/{list_id}/duplicate/', {
        params: { path: { list_id: values.template } },
        body: { name: values.name.trim() || undefined, as_template: false },
      }),
    );
  }
  return unwrap(
    await api.POST('/api/lists/', {
      body: { name: values.name.trim(), list_type: values.list_type },
    }),
  ) as unknown as ShoppingList;
}

interface Props {
  opened: boolean;
  onClose: () => void;
  templates: ShoppingList[];
}

function Kinds({ form, templates }: { form: UseFormReturn<Values>; templates: ShoppingList[] }) {
  const { t } = useTranslation();
  return (
    <>
      <Controller
        control={form.control}
        name="list_type"
        render={({ field }) => (
          <Select
            label={t('Kind')}
            allowDeselect={false}
            data={LIST_TYPES.map(([value, label]) => ({ value, label: t(label) }))}
            {...field}
          />
        )}
      />
      {templates.length > 0 && (
        <Controller
          control={form.control}
          name="template"
          render={({ field }) => (
            <Select
              label={t('From a template')}
              clearable
              placeholder={t('No template')}
              data={templates.map((list) => ({
                value: String(list.list_id),
                label: list.name,
              }))}
              {...field}
            />
          )}
        />
      )}
    </>
  );
}

export function NewList({ opened, onClose, templates }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const refresh = useRefreshLists();
  const form = useForm<Values>({
    defaultValues: { name: '', list_type: 'shopping', template: null },
  });
  const { run, formError } = useServerForm(form);
  const onSubmit = run(async (values) => {
    const list = await create(values);
    await refresh();
    onClose();
    form.reset();
    void navigate(`/lists/${list.list_id}`);
  });
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('New list')}
      closeButtonProps={{ 'aria-label': t('Close') }}
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <TextInput
            label={t('Name')}
            data-autofocus
            error={form.formState.errors.name?.message ?? formError}
            {...form.register('name')}
          />
          <Kinds form={form} templates={templates} />
          <Group justify="flex-end">
            <Button type="submit" loading={form.formState.isSubmitting}>
              {t('Create list')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
