/** /todos: Today, Upcoming and All; "Add a task"; check, edit, reorder; the plan for today. */
import { Alert, Box, Button, Group, Loader, Modal, Stack, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../../api/client';
import { useMe } from '../../app/auth';
import { formatDate, localeFor } from '../../app/format';
import { useQueryClient } from '@tanstack/react-query';
import { useCompleteTodo, useDeleteTodo, useOpenTodos, useReopenTodo, useReorder } from './hooks';
import { AddTask } from './AddTask';
import { Pending } from '../offline/Pending';
import { newKey } from '../offline/queue';
import { isNetworkError, keep, offlineNow } from '../offline/sync';
import { Suggestions } from './Suggestions';
import { TaskItem, type TaskActions } from './TaskItem';
import { localTime, localToday, moveTo, swapWith, tabTree, type Tab, type Todo } from './tree';

interface Outcome {
  text: string;
  undo?: number;
}

function useTaskActions(tab: Tab, setOutcome: (outcome: Outcome) => void) {
  const { t, i18n } = useTranslation();
  const zone = useMe()?.profile.timezone ?? 'UTC';
  const complete = useCompleteTodo();
  const remove = useDeleteTodo();
  const reorder = useReorder();
  const [blocked, setBlocked] = useState<Todo | null>(null);
  const finish = async (todo: Todo, force: boolean): Promise<boolean> => {
    try {
      const { next } = await complete.mutateAsync({ id: todo.todo_id, force });
      const day = next?.due_date ? formatDate(next.due_date, localeFor(i18n.language)) : '';
      setOutcome({
        text: next
          ? t('Done: “{{title}}”. Next: {{day}}.', { title: todo.title, day })
          : t('Done: “{{title}}”.', { title: todo.title }),
        undo: todo.todo_id,
      });
      return true;
    } catch (error) {
      const body = error instanceof ApiError ? (error.body as { code?: string }) : null;
      if (body?.code === 'open_subtasks') setBlocked(todo);
      else setOutcome({ text: error instanceof Error ? error.message : String(error) });
      return false;
    }
  };
  const actions: TaskActions = {
    complete: (todo) => finish(todo, false),
    remove: (todo) =>
      remove.mutate(todo.todo_id, {
        onSuccess: () => setOutcome({ text: t('Deleted: “{{title}}”.', { title: todo.title }) }),
      }),
    move: (siblings, todo, step) => {
      const ids = swapWith(siblings, todo.todo_id, step);
      if (ids) reorder.mutate(ids);
    },
    drop: (siblings, dragged, target) => {
      const ids = moveTo(siblings, dragged, target);
      if (ids) reorder.mutate(ids);
    },
    today: localToday(zone),
    time: localTime(zone),
    ordered: tab === 'all',
  };
  return { actions, blocked, setBlocked, finish };
}

function SubtasksDialog({
  todo,
  onClose,
  onForce,
}: {
  todo: Todo | null;
  onClose: () => void;
  onForce: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={!!todo}
      onClose={onClose}
      title={t('Complete the subtasks too?')}
      closeButtonProps={{ 'aria-label': t('Close') }}
    >
      <Text mb="md">
        {t('“{{title}}” has open subtasks. Complete them all with it?', {
          title: todo?.title ?? '',
        })}
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('Cancel')}
        </Button>
        <Button onClick={onForce}>{t('Complete all')}</Button>
      </Group>
    </Modal>
  );
}

function TaskList({ todos, tab, actions }: { todos: Todo[]; tab: Tab; actions: TaskActions }) {
  const { t } = useTranslation();
  const roots = tabTree(todos, tab, actions.today);
  if (roots.length === 0)
    return <Text c="dimmed">{tab === 'all' ? t('No open tasks.') : t('Nothing here.')}</Text>;
  const siblings = roots.map((node) => node.todo);
  return (
    <Box component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {roots.map((node) => (
        <TaskItem key={node.todo.todo_id} node={node} siblings={siblings} actions={actions} />
      ))}
    </Box>
  );
}

/** Add tasks from the quick-add text; offline, they wait on the device (see features/offline). */
function useAddTasks(onKept: () => void) {
  const queryClient = useQueryClient();
  const user = useMe()?.username ?? '';
  return async (text: string) => {
    const key = newKey();
    const later = () =>
      keep({ kind: 'tasks', user, scope: 'tasks', label: text, body: { text }, key }).then(onKept);
    if (offlineNow()) return later();
    try {
      const headers = { 'Idempotency-Key': key };
      unwrap(await api.POST('/api/todos/parse_text/', { headers, body: { text, dry_run: false } }));
    } catch (error) {
      if (isNetworkError(error)) return later();
      throw error;
    }
    await queryClient.invalidateQueries();
  };
}

/** What the last action did, announced, with "Undo" after a completion. */
function OutcomeLine({
  outcome,
  setOutcome,
}: {
  outcome: Outcome;
  setOutcome: (o: Outcome) => void;
}) {
  const { t } = useTranslation();
  const reopen = useReopenTodo();
  const undo = outcome.undo;
  return (
    <Group role="status" aria-live="polite" mih={36} gap="xs">
      <Text>{outcome.text}</Text>
      {undo && (
        <Button
          variant="subtle"
          size="compact-md"
          onClick={() =>
            reopen.mutate(undo, { onSuccess: () => setOutcome({ text: t('Reopened.') }) })
          }
        >
          {t('Undo')}
        </Button>
      )}
    </Group>
  );
}

export default function TodosPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('today');
  const [outcome, setOutcome] = useState<Outcome>({ text: '' });
  const todos = useOpenTodos();
  const { actions, blocked, setBlocked, finish } = useTaskActions(tab, setOutcome);
  const addTasks = useAddTasks(() =>
    setOutcome({ text: t('Offline: kept on this device and sent when you are back online.') }),
  );
  const list = todos.data ? (
    <TaskList todos={todos.data} tab={tab} actions={actions} />
  ) : (
    <Loader aria-label={t('Loading…')} />
  );
  return (
    <Stack maw={900}>
      <Title order={1}>{t('To-dos')}</Title>
      <AddTask onAdd={addTasks} />
      <Pending kind="tasks" scope="tasks" />
      <OutcomeLine outcome={outcome} setOutcome={setOutcome} />
      {todos.isError && (
        <Alert color="red">{t('Tasks could not be loaded. Try again in a moment.')}</Alert>
      )}
      <Tabs value={tab} onChange={(value) => setTab((value as Tab) ?? 'today')} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="today">{t('Today')}</Tabs.Tab>
          <Tabs.Tab value="upcoming">{t('Upcoming')}</Tabs.Tab>
          <Tabs.Tab value="all">{t('All')}</Tabs.Tab>
        </Tabs.List>
        {(['today', 'upcoming', 'all'] as const).map((value) => (
          <Tabs.Panel key={value} value={value} pt="sm">
            {tab === value && list}
          </Tabs.Panel>
        ))}
      </Tabs>
      {tab === 'today' && <Suggestions />}
      <SubtasksDialog
        todo={blocked}
        onClose={() => setBlocked(null)}
        onForce={() => {
          if (blocked) void finish(blocked, true);
          setBlocked(null);
        }}
      />
    </Stack>
  );
}
