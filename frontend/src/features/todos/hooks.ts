/** The to-dos' server state: the open tasks, and the writes that refresh them. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import type { Todo } from './tree';

export const TODOS_KEY = ['todos', 'open'] as const;
type Patch = components['schemas']['PatchedTodoWriteRequest'];

/** Every open task (pending or in progress), all pages. */
async function openTodos(): Promise<Todo[]> {
  const out: Todo[] = [];
  for (let page = 1; ; page += 1) {
    const data = unwrap(
      await api.GET('/api/todos/', {
        params: {
          query: { status: ['pending', 'in_progress'], ordering: 'position', page, page_size: 100 },
        },
      }),
    );
    out.push(...data.results);
    if (!data.next) return out;
  }
}

export function useOpenTodos() {
  return useQuery({ queryKey: TODOS_KEY, queryFn: openTodos, staleTime: 10_000 });
}

/** After a write every view of the tasks (this page, Home, the agenda) is refetched. */
function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries();
}

export function useUpdateTodo() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async ({ id, patch }: { id: number; patch: Patch }) =>
      unwrap(
        await api.PATCH('/api/todos/{todo_id}/', {
          params: { path: { todo_id: String(id) } },
          body: patch,
        }),
      ),
    onSuccess: refresh,
  });
}

export function useDeleteTodo() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async (id: number) => {
      const result = await api.DELETE('/api/todos/{todo_id}/', {
        params: { path: { todo_id: String(id) } },
      });
      if (!result.response.ok) unwrap(result);
    },
    onSuccess: refresh,
  });
}

export function useReorder() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async (ids: number[]) =>
      unwrap(await api.POST('/api/todos/reorder/', { body: { todo_ids: ids } })),
    onSuccess: refresh,
  });
}

/** Complete a task (with its open subtasks when `force`); the next one of a series too. */
export function useCompleteTodo() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, force }: { id: number; force: boolean }) => {
      const done = unwrap(
        await api.POST('/api/todos/{todo_id}/complete/', {
          params: { path: { todo_id: String(id) } },
          body: { force },
        }),
      );
      const open = await queryClient.fetchQuery({ queryKey: TODOS_KEY, queryFn: openTodos });
      const next = open.find((todo) => todo.previous_todo_id === done.todo_id) ?? null;
      return { done, next };
    },
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

export function useReopenTodo() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async (id: number) =>
      unwrap(
        await api.POST('/api/todos/{todo_id}/reopen/', {
          params: { path: { todo_id: String(id) } },
        }),
      ),
    onSuccess: refresh,
  });
}
