/**
 * A box that adds what was typed: Enter sends (Shift+Enter starts a new line), the text
 * clears once it is taken, and a failure stays under the box with the text kept.
 */
import { useState, type FormEvent, type KeyboardEvent } from 'react';

export function useTextEntry(onSubmit: (text: string) => Promise<void>) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!text.trim() || busy) return;
    setBusy(true);
    setError('');
    try {
      await onSubmit(text.trim());
      setText('');
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !event.shiftKey) void submit(event);
  };
  return { text, setText, busy, error, submit, onKeyDown };
}
