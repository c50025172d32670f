/** A feature whose screens are still being built: its heading, what is coming, and Quick add meanwhile. */
import { Alert, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export default function ComingPage({ title }: { title: string }) {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={1}>{t(title)}</Title>
      <Alert color="blue" title={t('Coming soon')}>
        {t(
          'This screen is coming. Meanwhile, Quick add (Ctrl+K) and the assistant already handle it.',
        )}
      </Alert>
    </Stack>
  );
}
