/** Which open tasks each tab shows, nested under their parents, and what is overdue. */
import type { components } from '../../api/schema';

export type Todo = components['schemas']['Todo'];
export type Tab = 'today' | 'upcoming' | 'all';

export interface Node {
  todo: Todo;
  children: Node[];
}

/** The user's own calendar day ("2026-12-07") in their time zone. */
export function localToday(timeZone: string, now: Date = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone }).format(now);
  } catch {
    return new Intl.DateTimeFormat('en-CA').format(now);
  }
}

/** The user's wall-clock time ("17:05") in their time zone. */
export function localTime(timeZone: string, now: Date = new Date()): string {
  const options = { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;
  try {
    return new Intl.DateTimeFormat('en-GB', options).format(now);
  } catch {
    return new Intl.DateTimeFormat('en-GB', { ...options, timeZone: undefined }).format(now);
  }
}

/** Open and past its due day, or due today at a time already gone (the server's rule). */
export function isOverdue(todo: Todo, today: string, time: string): boolean {
  if (!todo.due_date || todo.status === 'completed' || todo.status === 'cancelled') return false;
  if (todo.due_date < today) return true;
  return todo.due_date === today && !!todo.due_time && todo.due_time.slice(0, 5) < time;
}

function inTab(todo: Todo, tab: Tab, today: string): boolean {
  if (tab === 'all') return true;
  if (!todo.due_date) return false;
  return tab === 'today' ? todo.due_date <= today : todo.due_date > today;
}

function byDue(a: Todo, b: Todo): number {
  const left = `${a.due_date ?? '9999'}T${a.due_time ?? '99'}`;
  const right = `${b.due_date ?? '9999'}T${b.due_time ?? '99'}`;
  return left.localeCompare(right) || (a.position ?? 0) - (b.position ?? 0);
}

function byPosition(a: Todo, b: Todo): number {
  return (a.position ?? 0) - (b.position ?? 0) || a.todo_id - b.todo_id;
}

/**
 * The tab's tasks as a forest: a task whose parent is shown sits under it; one whose
 * parent is not shown (done, or outside the tab) stands on its own. In "All" the manual
 * order rules; in the dated tabs, the due day and time.
 */
export function tabTree(todos: Todo[], tab: Tab, today: string): Node[] {
  const shown = todos.filter((todo) => inTab(todo, tab, today));
  shown.sort(tab === 'all' ? byPosition : byDue);
  const nodes = new Map(shown.map((todo) => [todo.todo_id, { todo, children: [] } as Node]));
  const roots: Node[] = [];
  for (const node of nodes.values()) {
    const parent = node.todo.parent ? nodes.get(node.todo.parent) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** The ids to send to `reorder/` to swap a task with its neighbour among its siblings. */
export function swapWith(siblings: Todo[], todoId: number, step: -1 | 1): number[] | null {
  const index = siblings.findIndex((todo) => todo.todo_id === todoId);
  const other = siblings[index + step];
  if (index < 0 || !other) return null;
  return step < 0 ? [todoId, other.todo_id] : [other.todo_id, todoId];
}

/** The ids for `reorder/` when a dragged task is dropped on a sibling's place. */
export function moveTo(siblings: Todo[], dragged: number, target: number): number[] | null {
  const ids = siblings.map((todo) => todo.todo_id);
  const from = ids.indexOf(dragged);
  const to = ids.indexOf(target);
  if (from < 0 || to < 0 || from === to) return null;
  ids.splice(from, 1);
  ids.splice(to, 0, dragged);
  return ids;
}
