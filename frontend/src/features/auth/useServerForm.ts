/** Submit a react-hook-form through the API: field errors land on their fields, the rest above the form. */
import { useState } from 'react';
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';

/** Map a server error onto the form; `aliases` maps server field names to form fields. */
export function useServerForm<T extends FieldValues>(
  form: UseFormReturn<T>,
  aliases: Record<string, Path<T>> = {},
) {
  const { t } = useTranslation();
  const [formError, setFormError] = useState<string | null>(null);
  const run = (action: (values: T) => Promise<void>) =>
    form.handleSubmit(async (values) => {
      setFormError(null);
      try {
        await action(values);
      } catch (error) {
        if (!(error instanceof ApiError))
          return setFormError(t('Could not reach MY SPHERE. Try again.'));
        const fields = Object.entries(error.fieldErrors());
        const known = fields.filter(([name]) => aliases[name] || name in form.getValues());
        known.forEach(([name, message]) =>
          form.setError(aliases[name] ?? (name as Path<T>), { message }),
        );
        if (known.length === 0 || error.status !== 400) setFormError(error.message);
      }
    });
  return { run, formError };
}
