/**
 * Delete an expense at once, and offer "Undo" for a few seconds: the undo restores the
 * same expense (same id) through `POST /api/expenses/{id}/restore/`.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../../api/client';
import type { Expense } from './filters';
import { useRefresh } from './shared';

export const UNDO_SECONDS = 10;

export function useDeleteWithUndo() {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const [deleted, setDeleted] = useState<Expense | null>(null);
  const [message, setMessage] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const remove = async (expense: Expense) => {
    const { error, response } = await api.DELETE('/api/expenses/{expense_id}/', {
      params: { path: { expense_id: String(expense.expense_id) } },
    });
    if (!response.ok) {
      setDeleted(null);
      return setMessage(new ApiError(response.status, error).message);
    }
    setDeleted(expense);
    setMessage(t('Expense deleted.'));
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setDeleted(null), UNDO_SECONDS * 1000);
    await refresh();
  };
  const undo = async () => {
    if (!deleted) return;
    clearTimeout(timer.current);
    setDeleted(null);
    try {
      const path = { expense_id: String(deleted.expense_id) };
      unwrap(await api.POST('/api/expenses/{expense_id}/restore/', { params: { path } }));
      setMessage(t('Restored.'));
    } catch (error) {
      setMessage(
        error instanceof ApiError ? error.message : t('Could not reach MY SPHERE. Try again.'),
      );
    }
    await refresh();
  };
  return { deleted, message, remove, undo, say: setMessage };
}
