/**
 * "Add a task": the quick-add syntax ("Pay rent every month on the 1st p1 #home", several
 * lines, "- " for subtasks), read by the server as you type and shown before it is added.
 */
import { Badge, Button, Group, List, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { formatDate, localeFor } from '../../app/format';
import { useTextEntry } from '../common/useTextEntry';

type Parsed = components['schemas']['ParsedTodo'];

function depth(tasks: Parsed[], index: number): number {
  let level = 0;
  for (
    let parent = tasks[index]?.parent_index;
    parent != null;
    parent = tasks[parent]?.parent_index
  )
    level += 1;
  return level;
}

function ParsedLine({ task, level }: { task: Parsed; level: number }) {
  const { t, i18n } = useTranslation();
  const locale = localeFor(i18n.language);
  return (
    <List.Item style={{ marginInlineStart: `${level * 1.25}rem` }}>
      <Group gap={6} wrap="wrap">
        <Text fw={600}>{task.title}</Text>
        {task.due_date && (
          <Text size="sm">
            {formatDate(task.due_date, locale)}
            {task.due_time ? ` ${task.due_time.slice(0, 5)}` : ''}
          </Text>
        )}
        {task.priority !== 'medium' && <Badge variant="outline">{t(task.priority)}</Badge>}
        {task.recurrence !== 'none' && (
          <Badge variant="outline">{t('Repeats: {{rule}}', { rule: task.recurrence })}</Badge>
        )}
        {task.tags.map((tag) => (
          <Badge key={tag} variant="outline" tt="none">
            #{tag}
          </Badge>
        ))}
      </Group>
    </List.Item>
  );
}

function Preview({ tasks }: { tasks: Parsed[] }) {
  const { t } = useTranslation();
  if (tasks.length === 0) return null;
  return (
    <Paper withBorder p="xs" aria-label={t('What I understood')} component="section">
      <Text size="sm" fw={600} mb={4}>
        {t('What I understood')}
      </Text>
      <List listStyleType="none" spacing={4}>
        {tasks.map((task, index) => (
          <ParsedLine key={index} task={task} level={depth(tasks, index)} />
        ))}
      </List>
    </Paper>
  );
}

function usePreview(text: string) {
  const [debounced] = useDebouncedValue(text.trim(), 400);
  return useQuery({
    queryKey: ['todos', 'parse', debounced],
    enabled: debounced.length > 0,
    staleTime: 60_000,
    retry: false,
    queryFn: async () =>
      unwrap(
        await api.POST('/api/todos/parse_text/', { body: { text: debounced, dry_run: true } }),
      ),
  });
}

interface Props {
  /** Add the text as tasks; resolves when they are saved (or kept to send later). */
  onAdd: (text: string) => Promise<void>;
}

export function AddTask({ onAdd }: Props) {
  const { t } = useTranslation();
  const { text, setText, busy, error, submit, onKeyDown } = useTextEntry(onAdd);
  const preview = usePreview(text);
  const tasks = text.trim() ? (preview.data?.parsed_data.tasks ?? []) : [];
  const previewError = preview.error instanceof ApiError ? preview.error.message : '';
  return (
    <form onSubmit={(event) => void submit(event)}>
      <Stack gap="xs">
        <Group align="flex-end" wrap="nowrap">
          <Textarea
            label={t('Add a task')}
            description={t('Enter adds; Shift+Enter starts a new line; "- " makes a subtask.')}
            placeholder={t('Pay rent every month on the 1st p1 #home')}
            autosize
            minRows={1}
            maxRows={8}
            style={{ flex: 1 }}
            value={text}
            error={error || previewError || undefined}
            onChange={(event) => setText(event.currentTarget.value)}
            onKeyDown={onKeyDown}
          />
          <Button type="submit" loading={busy}>
            {t('Add')}
          </Button>
        </Group>
        <Preview tasks={tasks} />
      </Stack>
    </form>
  );
}
