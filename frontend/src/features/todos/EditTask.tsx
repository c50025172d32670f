/** Edit a task in place: title, priority, due day and time, tags, repeat rule. */
import { Button, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { Controller, useForm, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { PRIORITIES } from '../../app/vocabulary';
import { useServerForm } from '../auth/useServerForm';
import { useUpdateTodo } from './hooks';
import type { Todo } from './tree';

interface Values {
  title: string;
  priority: string;
  due_date: string;
  due_time: string;
  tags: string;
  recurrence: string;
}

function initial(todo: Todo): Values {
  return {
    title: todo.title,
    priority: todo.priority ?? 'medium',
    due_date: todo.due_date ?? '',
    due_time: todo.due_time?.slice(0, 5) ?? '',
    tags: (todo.tags ?? []).join(', '),
    recurrence: todo.recurrence ?? 'none',
  };
}

function Fields({ form }: { form: UseFormReturn<Values> }) {
  const { t } = useTranslation();
  const errors = form.formState.errors;
  return (
    <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
      <Controller
        control={form.control}
        name="priority"
        render={({ field }) => (
          <Select
            label={t('Priority')}
            data={PRIORITIES.map((value) => ({ value, label: t(value) }))}
            allowDeselect={false}
            {...field}
          />
        )}
      />
      <TextInput label={t('Tags')} error={errors.tags?.message} {...form.register('tags')} />
      <TextInput
        type="date"
        label={t('Due date')}
        error={errors.due_date?.message}
        {...form.register('due_date')}
      />
      <TextInput
        type="time"
        label={t('Due time')}
        error={errors.due_time?.message}
        {...form.register('due_time')}
      />
      <TextInput
        label={t('Repeats')}
        description={t('none, daily, weekdays, weekly, monthly, every 2 weeks…')}
        error={errors.recurrence?.message}
        {...form.register('recurrence')}
      />
    </SimpleGrid>
  );
}

export function EditTask({ todo, onDone }: { todo: Todo; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateTodo();
  const form = useForm<Values>({ defaultValues: initial(todo) });
  const { run, formError } = useServerForm(form);
  const errors = form.formState.errors;
  const onSubmit = run(async (values) => {
    await update.mutateAsync({
      id: todo.todo_id,
      patch: {
        title: values.title.trim(),
        priority: values.priority as Todo['priority'],
        due_date: values.due_date || null,
        due_time: values.due_date && values.due_time ? values.due_time : null,
        tags: values.tags
          .split(/[,\s]+/)
          .map((tag) => tag.replace(/^#/, ''))
          .filter(Boolean),
        recurrence: values.due_date ? values.recurrence.trim() || 'none' : 'none',
      },
    });
    onDone();
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('Edit task')}>
      <Stack gap="xs">
        <TextInput
          label={t('Title')}
          data-autofocus
          error={errors.title?.message ?? formError}
          {...form.register('title', { required: t('A task needs a title.') })}
        />
        <Fields form={form} />
        <Group>
          <Button type="submit" loading={form.formState.isSubmitting}>
            {t('Save')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('Cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
