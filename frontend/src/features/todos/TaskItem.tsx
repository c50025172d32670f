/** One task: a checkbox named by its title, its due day, priority and tags, its actions. */
import { ActionIcon, Badge, Box, Checkbox, Group, Menu, Stack, Text } from '@mantine/core';
import { IconDots, IconGripVertical } from '@tabler/icons-react';
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, localeFor } from '../../app/format';
import { EditTask } from './EditTask';
import './todos.css';
import { isOverdue, type Node, type Todo } from './tree';

const PRIORITY_COLOR: Record<string, string> = { urgent: 'red', high: 'orange', low: 'gray' };

export interface TaskActions {
  /** Resolves true when the task was completed. */
  complete: (todo: Todo) => Promise<boolean>;
  remove: (todo: Todo) => void;
  move: (siblings: Todo[], todo: Todo, step: -1 | 1) => void;
  drop: (siblings: Todo[], dragged: number, target: number) => void;
  today: string;
  time: string;
  /** Manual order applies (the "All" tab): Move up / Move down and dragging. */
  ordered: boolean;
}

function Due({ todo, overdue }: { todo: Todo; overdue: boolean }) {
  const { t, i18n } = useTranslation();
  if (!todo.due_date) return null;
  const time = todo.due_time ? ` ${todo.due_time.slice(0, 5)}` : '';
  const day = formatDate(todo.due_date, localeFor(i18n.language));
  return (
    <Text size="sm" className={overdue ? 'todo-overdue' : undefined}>
      {overdue ? t('Overdue: {{day}}', { day: day + time }) : day + time}
    </Text>
  );
}

function Details({ todo, overdue }: { todo: Todo; overdue: boolean }) {
  const { t } = useTranslation();
  const priority = todo.priority ?? 'medium';
  return (
    <Group gap={6} wrap="wrap">
      <Due todo={todo} overdue={overdue} />
      {priority !== 'medium' && (
        <Badge color={PRIORITY_COLOR[priority]} variant="light">
          {t(priority)}
        </Badge>
      )}
      {todo.recurrence && todo.recurrence !== 'none' && (
        <Badge variant="outline" color="gray">
          {t('Repeats: {{rule}}', { rule: todo.recurrence })}
        </Badge>
      )}
      {(todo.tags ?? []).map((tag) => (
        <Badge key={tag} variant="outline" color="gray" tt="none">
          #{tag}
        </Badge>
      ))}
    </Group>
  );
}

interface ItemProps {
  node: Node;
  siblings: Todo[];
  actions: TaskActions;
}

function RowMenu({ node, siblings, actions, onEdit }: ItemProps & { onEdit: () => void }) {
  const { t } = useTranslation();
  const { todo } = node;
  const index = siblings.indexOf(todo);
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          size={44}
          aria-label={t('Actions for {{title}}', { title: todo.title })}
        >
          <IconDots aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={onEdit}>{t('Edit')}</Menu.Item>
        {actions.ordered && index > 0 && (
          <Menu.Item onClick={() => actions.move(siblings, todo, -1)}>{t('Move up')}</Menu.Item>
        )}
        {actions.ordered && index < siblings.length - 1 && (
          <Menu.Item onClick={() => actions.move(siblings, todo, 1)}>{t('Move down')}</Menu.Item>
        )}
        <Menu.Item color="red" onClick={() => actions.remove(todo)}>
          {t('Delete')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function dragHandlers(props: ItemProps) {
  const { node, siblings, actions } = props;
  if (!actions.ordered) return {};
  return {
    draggable: true,
    onDragStart: (event: DragEvent) => {
      event.dataTransfer.setData('text/x-todo', String(node.todo.todo_id));
      event.stopPropagation();
    },
    onDragOver: (event: DragEvent) => event.preventDefault(),
    onDrop: (event: DragEvent) => {
      const dragged = Number(event.dataTransfer.getData('text/x-todo'));
      event.preventDefault();
      event.stopPropagation();
      if (dragged) actions.drop(siblings, dragged, node.todo.todo_id);
    },
  };
}

export function TaskItem(props: ItemProps) {
  const { node, actions } = props;
  const { todo } = node;
  const [editing, setEditing] = useState(false);
  const [checked, setChecked] = useState(false);
  const overdue = isOverdue(todo, actions.today, actions.time);
  const children = node.children.map((child) => child.todo);
  return (
    <Box
      component="li"
      py={6}
      pl="xs"
      style={{
        borderInlineStart: `4px solid ${overdue ? 'var(--mantine-color-red-7)' : 'transparent'}`,
      }}
      {...dragHandlers(props)}
    >
      {editing ? (
        <EditTask todo={todo} onDone={() => setEditing(false)} />
      ) : (
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Group gap="xs" wrap="nowrap" align="flex-start">
            {actions.ordered && (
              <IconGripVertical size={18} aria-hidden style={{ marginTop: 12, cursor: 'grab' }} />
            )}
            <Stack gap={2}>
              <Checkbox
                className="touch-target"
                styles={{ body: { alignItems: 'center' } }}
                label={todo.title}
                checked={checked}
                disabled={checked}
                onChange={() => {
                  setChecked(true);
                  void actions.complete(todo).then(setChecked);
                }}
              />
              <Box pl={32}>
                <Details todo={todo} overdue={overdue} />
              </Box>
            </Stack>
          </Group>
          <RowMenu {...props} onEdit={() => setEditing(true)} />
        </Group>
      )}
      {node.children.length > 0 && (
        <Box component="ul" pl="lg" m={0} style={{ listStyle: 'none' }}>
          {node.children.map((child) => (
            <TaskItem key={child.todo.todo_id} node={child} siblings={children} actions={actions} />
          ))}
        </Box>
      )}
    </Box>
  );
}
