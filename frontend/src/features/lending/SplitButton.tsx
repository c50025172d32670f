/**
 * "Split" on an expense's row: opens the split dialog (its code loads on first use), so the
 * expenses screen carries one small button and nothing more.
 */
import { Button } from '@mantine/core';
import { lazy, Suspense, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/schema';

const SplitDialog = lazy(() => import('./SplitDialog'));

export function SplitButton({
  expense,
  label,
}: {
  expense: components['schemas']['Expense'];
  label: string;
}) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpened(false);
    setTimeout(() => button.current?.focus(), 30);
  };
  return (
    <>
      <Button
        ref={button}
        variant="subtle"
        size="compact-md"
        onClick={() => setOpened(true)}
        aria-label={`${t('Split')}: ${label}`}
      >
        {t('Split')}
      </Button>
      {opened && (
        <Suspense fallback={null}>
          <SplitDialog expense={expense} onClose={close} />
        </Suspense>
      )}
    </>
  );
}
