/** The conversation (role="log"): the history, oldest first, and a proposal to confirm. */
import { Box, Button, Card, Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/schema';
import type { ChatResponse } from '../../api/types';
import { Proposal } from '../../app/QuickAdd';

type Message = components['schemas']['ChatMessage'];

function Bubble({ message }: { message: Message }) {
  const { t } = useTranslation();
  const mine = message.role === 'user';
  return (
    <Paper
      p="sm"
      radius="md"
      withBorder
      maw="85%"
      ml={mine ? 'auto' : undefined}
      bg={mine ? 'var(--mantine-color-default-hover)' : undefined}
    >
      <Text size="xs" fw={700}>
        {mine ? t('You') : t('Assistant')}
      </Text>
      <Text style={{ whiteSpace: 'pre-wrap' }}>{message.content}</Text>
    </Paper>
  );
}

interface ProposalProps {
  answer: ChatResponse;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A proposed write as what was understood, with "Confirm" / "Cancel". */
export function ProposalCard({ answer, busy, onConfirm, onCancel }: ProposalProps) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="sm" component="section" aria-label={t('Proposed change')}>
      <Proposal answer={answer} />
      <Group justify="flex-end" mt="sm">
        <Button variant="default" onClick={onCancel}>
          {t('Cancel')}
        </Button>
        <Button onClick={onConfirm} loading={busy}>
          {t('Confirm')}
        </Button>
      </Group>
    </Card>
  );
}

export function Conversation({
  messages,
  children,
}: {
  messages: Message[];
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Box
      role="log"
      aria-label={t('Conversation')}
      aria-live="polite"
      tabIndex={0}
      style={{ overflowY: 'auto', maxHeight: '60vh', minHeight: 160 }}
    >
      <Stack gap="xs" p={2}>
        {messages.length === 0 && (
          <Text c="dimmed">
            {t('Ask about your money, tasks and lists, or tell me what to add.')}
          </Text>
        )}
        {messages.map((message) => (
          <Bubble key={message.message_id} message={message} />
        ))}
        {children}
      </Stack>
    </Box>
  );
}
