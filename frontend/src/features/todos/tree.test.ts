import { describe, expect, it } from 'vitest';
import { isOverdue, localToday, moveTo, swapWith, tabTree, type Todo } from './tree';

let nextId = 1;
function todo(fields: Partial<Todo>): Todo {
  const id = nextId++;
  return {
    todo_id: id,
    title: `t${id}`,
    status: 'pending',
    position: id,
    parent: null,
    due_date: null,
    due_time: null,
    completed_at: null,
    created_at: '',
    updated_at: '',
    source_ref: '',
    previous_todo_id: null,
    ...fields,
  } as Todo;
}

describe('tabs', () => {
  const today = '2026-12-07';
  const late = todo({ due_date: '2026-12-01' });
  const now = todo({ due_date: today, due_time: '09:00' });
  const later = todo({ due_date: '2026-12-20' });
  const undated = todo({});
  const sub = todo({ parent: later.todo_id, due_date: '2026-12-08' });
  const all = [undated, later, now, late, sub];

  it('Today holds what is due by today, overdue first', () => {
    expect(tabTree(all, 'today', today).map((n) => n.todo.todo_id)).toEqual([
      late.todo_id,
      now.todo_id,
    ]);
  });

  it('Upcoming holds later days; a subtask due before its parent still sits under it', () => {
    const roots = tabTree(all, 'upcoming', today);
    expect(roots.map((n) => n.todo.todo_id)).toEqual([later.todo_id]);
    expect(roots[0]!.children.map((n) => n.todo.todo_id)).toEqual([sub.todo_id]);
  });

  it('All keeps the manual order and nests subtasks', () => {
    const roots = tabTree(all, 'all', today);
    expect(roots.map((n) => n.todo.todo_id)).toEqual([
      late.todo_id,
      now.todo_id,
      later.todo_id,
      undated.todo_id,
    ]);
  });
});

describe('overdue', () => {
  it('is a past day, or today at a time already gone', () => {
    expect(isOverdue(todo({ due_date: '2026-12-06' }), '2026-12-07', '08:00')).toBe(true);
    expect(
      isOverdue(todo({ due_date: '2026-12-07', due_time: '07:30' }), '2026-12-07', '08:00'),
    ).toBe(true);
    expect(
      isOverdue(todo({ due_date: '2026-12-07', due_time: '09:00' }), '2026-12-07', '08:00'),
    ).toBe(false);
    expect(isOverdue(todo({ due_date: '2026-12-07' }), '2026-12-07', '23:00')).toBe(false);
  });

  it('uses the user’s own day', () => {
    const instant = new Date('2026-12-07T12:00:00Z');
    expect(localToday('Pacific/Tongatapu', instant)).toBe('2026-12-08');
    expect(localToday('Pacific/Honolulu', instant)).toBe('2026-12-07');
  });
});

describe('reorder', () => {
  const [a, b, c] = [todo({}), todo({}), todo({})];
  it('swaps with a neighbour, or says there is none', () => {
    expect(swapWith([a, b, c], b.todo_id, -1)).toEqual([b.todo_id, a.todo_id]);
    expect(swapWith([a, b, c], b.todo_id, 1)).toEqual([c.todo_id, b.todo_id]);
    expect(swapWith([a, b, c], a.todo_id, -1)).toBeNull();
  });
  it('drops a dragged task into a sibling’s place', () => {
    expect(moveTo([a, b, c], c.todo_id, a.todo_id)).toEqual([c.todo_id, a.todo_id, b.todo_id]);
    expect(moveTo([a, b, c], a.todo_id, a.todo_id)).toBeNull();
  });
});
