/** The frame of the signed-out pages: the product's name, a card, a heading. */
import { Anchor, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../../app/i18n';

export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const other = i18n.language === 'es' ? 'en' : 'es';
  return (
    <Center component="main" mih="100dvh" p="md">
      <Stack w="100%" maw={420}>
        <Text fw={800} size="xl" ta="center">
          MY SPHERE
        </Text>
        <Paper withBorder shadow="sm" p="lg" radius="md">
          <Title order={1} size="h2" mb="md">
            {title}
          </Title>
          {children}
        </Paper>
        <Group justify="center">
          <Anchor
            component="button"
            type="button"
            lang={other}
            onClick={() => setLanguage(other)}
            className="touch-target"
          >
            {other === 'es' ? 'Español' : 'English'}
          </Anchor>
        </Group>
        <Text size="xs" c="dimmed" ta="center">
          {t('Expenses, budgets, subscriptions, to-dos, lists and lending in one place.')}
        </Text>
      </Stack>
    </Center>
  );
}
