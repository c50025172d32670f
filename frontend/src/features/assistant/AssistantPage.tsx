/** /assistant: the conversation, "Message" / "Send", proposals to confirm, speech in and out. */
import { Button, Group, Stack, Switch, Textarea, Title } from '@mantine/core';
import { IconMicrophone, IconSend } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { $api, api, ApiError, unwrap } from '../../api/client';
import type { ChatResponse } from '../../api/types';
import { Conversation, ProposalCard } from './Conversation';
import { useReadAloud, useSpeechInput } from './speech';

const HISTORY = { params: { query: { page_size: 100 } } } as const;

function useChat(say: (text: string) => void) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [proposal, setProposal] = useState<{ text: string; answer: ChatResponse } | null>(null);
  const [error, setError] = useState('');
  const send = async (text: string, confirm: boolean) => {
    setBusy(true);
    setError('');
    try {
      const answer = unwrap(
        await api.POST('/api/assistant/chat/', { body: { message: text, confirm } }),
      );
      setProposal(answer.needs_confirmation ? { text, answer } : null);
      say(answer.reply);
      await queryClient.invalidateQueries();
    } catch (failure) {
      setError(
        failure instanceof ApiError ? failure.message : t('Could not reach MY SPHERE. Try again.'),
      );
    } finally {
      setBusy(false);
    }
  };
  return { busy, proposal, setProposal, error, send };
}

function Composer({
  onSend,
  busy,
  lang,
  error,
}: {
  onSend: (text: string) => void;
  busy: boolean;
  lang: string;
  error: string;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!text.trim()) return;
    onSend(text.trim());
    setText('');
  };
  const heard = useCallback((spoken: string) => onSend(spoken), [onSend]);
  const speech = useSpeechInput(lang, heard);
  return (
    <form onSubmit={submit}>
      <Group align="flex-end" wrap="nowrap" gap="xs">
        <Textarea
          label={t('Message')}
          autosize
          minRows={1}
          maxRows={5}
          style={{ flex: 1 }}
          value={text}
          maxLength={1000}
          error={error || undefined}
          onChange={(event) => setText(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey) submit(event);
          }}
        />
        {speech.supported && (
          <Button
            variant={speech.listening ? 'filled' : 'default'}
            aria-pressed={speech.listening}
            onClick={speech.toggle}
            leftSection={<IconMicrophone size={18} aria-hidden />}
          >
            {t('Speak')}
          </Button>
        )}
        <Button type="submit" loading={busy} leftSection={<IconSend size={18} aria-hidden />}>
          {t('Send')}
        </Button>
      </Group>
    </form>
  );
}

export default function AssistantPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const history = $api.useQuery('get', '/api/assistant/history/', HISTORY);
  const clear = $api.useMutation('delete', '/api/assistant/history/', {
    onSuccess: () => void queryClient.invalidateQueries(),
  });
  const lang = i18n.language === 'es' ? 'es-ES' : 'en-US';
  const aloud = useReadAloud(lang);
  const chat = useChat(aloud.say);
  const send = useCallback((text: string) => void chat.send(text, false), [chat]);
  const messages = [...(history.data?.results ?? [])].reverse();
  return (
    <Stack maw={800}>
      <Group justify="space-between">
        <Title order={1}>{t('Assistant')}</Title>
        <Button
          variant="default"
          onClick={() => clear.mutate({})}
          loading={clear.isPending}
          disabled={messages.length === 0}
        >
          {t('Clear history')}
        </Button>
      </Group>
      <Conversation messages={messages}>
        {chat.proposal && (
          <ProposalCard
            answer={chat.proposal.answer}
            busy={chat.busy}
            onConfirm={() => void chat.send(chat.proposal!.text, true)}
            onCancel={() => chat.setProposal(null)}
          />
        )}
      </Conversation>
      <Composer onSend={send} busy={chat.busy} lang={lang} error={chat.error} />
      {aloud.supported && (
        <Switch
          label={t('Read replies aloud')}
          checked={aloud.on}
          onChange={(event) => aloud.change(event.currentTarget.checked)}
        />
      )}
    </Stack>
  );
}
