/** How each kind of offline write reaches the server: the generated client, with its key. */
import { api, errorMessage } from '../../api/client';
import type { Outcome } from './queue';
import type { Entry } from './store';

/** Statuses that mean "not now" (the entry waits); any other failure is a refusal, shown. */
const RETRY = new Set([401, 408, 425, 429, 500, 502, 503, 504]);

function outcome(result: { response: Response; error?: unknown }): Outcome {
  if (result.response.ok) return { sent: true };
  if (RETRY.has(result.response.status)) return { sent: false, retry: true };
  const error = errorMessage(result.error) ?? `HTTP ${result.response.status}`;
  return { sent: false, retry: false, error };
}

function text(entry: Entry): { text: string; dry_run: false } {
  return { text: String(entry.body.text ?? ''), dry_run: false };
}

/** Send one entry. A network failure throws, and the queue keeps the entry waiting. */
export async function send(entry: Entry): Promise<Outcome> {
  const headers = { 'Idempotency-Key': entry.id };
  switch (entry.kind) {
    case 'quick-add': {
      const chat = entry.body as { message: string; confirm: boolean };
      return outcome(await api.POST('/api/assistant/chat/', { headers, body: chat }));
    }
    case 'tasks':
      return outcome(await api.POST('/api/todos/parse_text/', { headers, body: text(entry) }));
    case 'list-items':
      return outcome(
        await api.POST('/api/lists/{list_id}/add_items/', {
          headers,
          params: { path: { list_id: entry.scope.replace('list:', '') } },
          body: text(entry),
        }),
      );
  }
}
