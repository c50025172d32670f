/**
 * Quick add, one box for everything (Ctrl/⌘+K): the text goes to the assistant; a write
 * comes back as what was understood with Confirm / Cancel, a question with its answer.
 */
import { Button, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconBolt } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../api/client';
import type { ChatResponse } from '../api/types';
import { localeFor } from './format';
import { understood } from './understood';
import { useMe } from './auth';
import { Pending } from '../features/offline/Pending';
import { isNetworkError, keep, offlineNow, useOfflineSync } from '../features/offline/sync';

interface Props {
  opened: boolean;
  onOpen: () => void;
  onClose: () => void;
}

/** What the assistant understood of a proposed write, as a labelled table. */
export function Proposal({ answer }: { answer: ChatResponse }) {
  const { t, i18n } = useTranslation();
  const locale = localeFor(i18n.language);
  const rows = answer.objects.flatMap((object) =>
    understood(object.data as Record<string, unknown>, locale, t),
  );
  return (
    <Table aria-label={t('What I understood')} variant="vertical" withTableBorder>
      <Table.Tbody>
        {rows.map((row, index) => (
          <Table.Tr key={`${row.label}-${index}`}>
            <Table.Th w={120}>{row.label}</Table.Th>
            <Table.Td>{row.value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function useQuickAdd(onDone: () => void) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<ChatResponse | null>(null);
  const [status, setStatus] = useState('');
  // One key per proposal: a double tap on Confirm, or a retry, writes once.
  const [writeKey, setWriteKey] = useState('');
  const user = useMe()?.username ?? '';
  // Offline, a new text waits on the device and is carried out when the connection returns.
  const keepForLater = async (message: string) => {
    await keep({
      kind: 'quick-add',
      user,
      scope: 'quick-add',
      label: message,
      body: { message, confirm: true },
    });
    setAnswer(null);
    setStatus(t('Offline: kept on this device and sent when you are back online.'));
    onDone();
  };
  const send = async (message: string, confirm: boolean) => {
    if (!confirm && offlineNow()) return keepForLater(message);
    setBusy(true);
    try {
      const headers = confirm ? { 'Idempotency-Key': writeKey } : undefined;
      const result = unwrap(
        await api.POST('/api/assistant/chat/', {
          body: { message, confirm },
          params: { header: headers },
        }),
      );
      if (result.needs_confirmation) setWriteKey(crypto.randomUUID());
      setAnswer(result.needs_confirmation ? result : null);
      setStatus(
        result.needs_confirmation ? t('Check what I understood, then confirm.') : result.reply,
      );
      if (result.executed) {
        onDone();
        void queryClient.invalidateQueries();
      }
    } catch (error) {
      if (!confirm && isNetworkError(error)) return keepForLater(message);
      setStatus(
        error instanceof ApiError ? error.message : t('Could not reach MY SPHERE. Try again.'),
      );
    } finally {
      setBusy(false);
    }
  };
  const reset = () => {
    setAnswer(null);
    setStatus('');
  };
  return { busy, answer, status, send, reset, setStatus };
}

function ConfirmActions({ quick, text }: { quick: ReturnType<typeof useQuickAdd>; text: string }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button
        variant="default"
        onClick={() => {
          quick.reset();
          quick.setStatus(t('Cancelled: nothing was saved.'));
        }}
      >
        {t('Cancel')}
      </Button>
      <Button onClick={() => void quick.send(text.trim(), true)} loading={quick.busy}>
        {t('Confirm')}
      </Button>
    </Group>
  );
}

export function QuickAdd({ opened, onOpen, onClose }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const quick = useQuickAdd(() => setText(''));
  useOfflineSync();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) void quick.send(text.trim(), false);
  };
  const close = () => {
    quick.reset();
    onClose();
  };
  return (
    <>
      <Button
        leftSection={<IconBolt size={18} aria-hidden />}
        onClick={onOpen}
        aria-keyshortcuts="Control+K Meta+K"
      >
        {t('Quick add')}
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={t('Quick add')}
        size="lg"
        closeButtonProps={{ 'aria-label': t('Close') }}
      >
        <form onSubmit={submit}>
          <Stack>
            <Group align="flex-end" wrap="nowrap">
              <TextInput
                data-autofocus
                style={{ flex: 1 }}
                aria-label={t('Quick add')}
                placeholder={t('coffee 4.50 at Starbucks · call mom tomorrow at 5pm · lent Sam 20')}
                value={text}
                maxLength={1000}
                onChange={(event) => {
                  setText(event.currentTarget.value);
                  if (quick.answer) quick.reset();
                }}
              />
              <Button type="submit" loading={quick.busy && !quick.answer}>
                {t('Add')}
              </Button>
            </Group>
            {quick.answer && <Proposal answer={quick.answer} />}
            {quick.answer && <ConfirmActions quick={quick} text={text} />}
            <Text role="status" aria-live="polite" mih={24}>
              {quick.status}
            </Text>
            <Pending kind="quick-add" scope="quick-add" />
          </Stack>
        </form>
      </Modal>
    </>
  );
}
