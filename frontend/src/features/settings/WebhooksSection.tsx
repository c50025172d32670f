/** "Webhooks": add an endpoint, see its deliveries, rotate its secret (shown once), delete it. */
import { Alert, Button, Code, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { $api, api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useServerForm } from '../auth/useServerForm';
import { Section } from './Section';

type Webhook = components['schemas']['Webhook'];

function Secret({ secret }: { secret: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="blue" title={t('Signing secret (shown once)')}>
      <Code block style={{ wordBreak: 'break-all' }}>
        {secret}
      </Code>
      <Text size="sm" mt={4}>
        {t('Copy it now into the receiving service; it is never shown again.')}
      </Text>
    </Alert>
  );
}

function AddWebhook({ onSecret }: { onSecret: (secret: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<{ url: string; description: string }>({
    defaultValues: { url: '', description: '' },
  });
  const { run, formError } = useServerForm(form);
  const onSubmit = run(async (values) => {
    const created = unwrap(
      await api.POST('/api/integrations/webhooks/', {
        body: { url: values.url.trim(), description: values.description.trim() },
      }),
    );
    onSecret((created as { secret?: string }).secret ?? '');
    form.reset();
    await queryClient.invalidateQueries();
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Group align="flex-start">
        <TextInput
          label={t('Endpoint URL')}
          placeholder="https://"
          style={{ flex: 2, minWidth: 200 }}
          error={form.formState.errors.url?.message ?? formError}
          {...form.register('url', { required: t('Enter the address to call.') })}
        />
        <TextInput
          label={t('Description')}
          style={{ flex: 1, minWidth: 140 }}
          {...form.register('description')}
        />
      </Group>
      <Button type="submit" mt="sm" loading={form.formState.isSubmitting}>
        {t('Add webhook')}
      </Button>
    </form>
  );
}

function Deliveries({ webhook, onClose }: { webhook: Webhook | null; onClose: () => void }) {
  const { t } = useTranslation();
  const deliveries = $api.useQuery(
    'get',
    '/api/integrations/webhooks/{webhook_id}/deliveries/',
    { params: { path: { webhook_id: String(webhook?.webhook_id ?? 0) } } },
    { enabled: !!webhook },
  );
  const rows = deliveries.data?.results ?? [];
  return (
    <Modal
      opened={!!webhook}
      onClose={onClose}
      title={t('Deliveries')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('Close') }}
    >
      {rows.length === 0 ? (
        <Text c="dimmed">{deliveries.isPending ? t('Loading…') : t('Nothing sent yet.')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={420}>
          <Table aria-label={t('Deliveries')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('Event')}</Table.Th>
                <Table.Th>{t('Status')}</Table.Th>
                <Table.Th>{t('Attempts')}</Table.Th>
                <Table.Th>{t('Answer')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.delivery_id}>
                  <Table.Td>{row.event_type}</Table.Td>
                  <Table.Td>{row.status}</Table.Td>
                  <Table.Td>{row.attempts}</Table.Td>
                  <Table.Td>{row.response_code ?? row.error}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Modal>
  );
}

function Row({
  hook,
  onSecret,
  onDeliveries,
}: {
  hook: Webhook;
  onSecret: (secret: string) => void;
  onDeliveries: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const path = { params: { path: { webhook_id: String(hook.webhook_id) } } };
  const urlId = useId();
  const rotate = async () =>
    onSecret(
      unwrap(await api.POST('/api/integrations/webhooks/{webhook_id}/rotate_secret/', path)).secret,
    );
  const remove = async () => {
    await api.DELETE('/api/integrations/webhooks/{webhook_id}/', path);
    await queryClient.invalidateQueries();
  };
  return (
    <Stack component="li" gap={4} py="xs">
      <Text fw={600} style={{ wordBreak: 'break-all' }} id={urlId}>
        {hook.url}
      </Text>
      <Text size="sm" c="dimmed">
        {hook.is_active ? t('Active') : hook.disabled_reason || t('Paused')}
        {hook.description ? ` · ${hook.description}` : ''}
      </Text>
      <Group gap="xs">
        <Button variant="default" onClick={onDeliveries} aria-describedby={urlId}>
          {t('Deliveries')}
        </Button>
        <Button variant="default" onClick={() => void rotate()} aria-describedby={urlId}>
          {t('Rotate secret')}
        </Button>
        <Button variant="subtle" color="red" onClick={() => void remove()} aria-describedby={urlId}>
          {t('Delete')}
        </Button>
      </Group>
    </Stack>
  );
}

export function WebhooksSection() {
  const { t } = useTranslation();
  const hooks = $api.useQuery('get', '/api/integrations/webhooks/');
  const [secret, setSecret] = useState('');
  const [showing, setShowing] = useState<Webhook | null>(null);
  const rows = hooks.data?.results ?? [];
  return (
    <Section title={t('Webhooks')}>
      <Stack>
        <Text size="sm">
          {t('MY SPHERE calls these addresses, signed, when something happens.')}
        </Text>
        {secret && <Secret secret={secret} />}
        {rows.length > 0 && (
          <Stack
            component="ul"
            gap={0}
            p={0}
            m={0}
            style={{ listStyle: 'none' }}
            aria-label={t('Webhooks')}
          >
            {rows.map((hook) => (
              <Row
                key={hook.webhook_id}
                hook={hook}
                onSecret={setSecret}
                onDeliveries={() => setShowing(hook)}
              />
            ))}
          </Stack>
        )}
        <AddWebhook onSecret={setSecret} />
      </Stack>
      <Deliveries webhook={showing} onClose={() => setShowing(null)} />
    </Section>
  );
}
