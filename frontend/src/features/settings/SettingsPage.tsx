/**
 * /settings: the profile (display name, currency, time zone), this device's language and
 * theme, the password and sessions, the calendar feed, webhooks, and the user's data.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Button,
  Fieldset,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
  useMantineColorScheme,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { api, unwrap } from '../../api/client';
import { ME_KEY, useMe } from '../../app/auth';
import { setLanguage, type Language } from '../../app/i18n';
import { useServerForm } from '../auth/useServerForm';
import { CalendarSection } from './CalendarSection';
import { DataSection } from './DataSection';
import { PasswordSection } from './PasswordSection';
import { SessionsSection } from './SessionsSection';
import { WebhooksSection } from './WebhooksSection';

const CURRENCIES = Intl.supportedValuesOf('currency');
// Chromium's list leaves out UTC, the server's default.
const TIME_ZONES = [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])];
const schema = z.object({
  display_name: z.string().max(100),
  currency: z.string().regex(/^[A-Z]{3}$/),
  timezone: z.string().min(1),
});
type Values = z.infer<typeof schema>;

function ProfileForm({ initial }: { initial: Values }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const form = useForm<Values>({ defaultValues: initial, resolver: zodResolver(schema) });
  const { run, formError } = useServerForm(form);
  const onSubmit = run(async (profile) => {
    setSaved(false);
    const user = unwrap(await api.PATCH('/api/users/me/', { body: { profile } }));
    queryClient.setQueryData(ME_KEY, user);
    await queryClient.invalidateQueries({ predicate: (query) => query.queryKey[1] !== ME_KEY[1] });
    setSaved(true);
  });
  const errors = form.formState.errors;
  return (
    <form onSubmit={onSubmit} noValidate>
      <Fieldset legend={t('Profile')}>
        <Stack>
          {formError && <Alert color="red">{formError}</Alert>}
          <TextInput
            label={t('Display name')}
            error={errors.display_name?.message}
            {...form.register('display_name')}
          />
          <Controller
            control={form.control}
            name="currency"
            render={({ field }) => (
              <Select
                label={t('Currency')}
                data={CURRENCIES}
                searchable
                error={errors.currency?.message}
                {...field}
              />
            )}
          />
          <Controller
            control={form.control}
            name="timezone"
            render={({ field }) => (
              <Select
                label={t('Time zone')}
                data={TIME_ZONES}
                searchable
                limit={50}
                error={errors.timezone?.message}
                {...field}
              />
            )}
          />
          <Button type="submit" loading={form.formState.isSubmitting} w="fit-content">
            {t('Save')}
          </Button>
          <Text role="status">{saved ? t('Saved.') : ''}</Text>
        </Stack>
      </Fieldset>
    </form>
  );
}

function DeviceSettings() {
  const { t, i18n } = useTranslation();
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <Fieldset legend={t('On this device')}>
      <Stack>
        <div>
          <Text id="language-label" fw={500} mb={4}>
            {t('Language')}
          </Text>
          <SegmentedControl
            aria-labelledby="language-label"
            value={i18n.language}
            onChange={(value) => setLanguage(value as Language)}
            data={[
              { value: 'en', label: 'English' },
              { value: 'es', label: 'Español' },
            ]}
          />
        </div>
        <div>
          <Text id="theme-label" fw={500} mb={4}>
            {t('Theme')}
          </Text>
          <SegmentedControl
            aria-labelledby="theme-label"
            value={colorScheme}
            onChange={(value) => setColorScheme(value as 'light' | 'dark' | 'auto')}
            data={[
              { value: 'light', label: t('Light') },
              { value: 'dark', label: t('Dark') },
              { value: 'auto', label: t('System') },
            ]}
          />
        </div>
      </Stack>
    </Fieldset>
  );
}

export default function SettingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Stack maw={640}>
      <Title order={1}>{t('Settings')}</Title>
      {me && (
        <ProfileForm
          initial={{
            display_name: me.profile.display_name ?? '',
            currency: me.profile.currency ?? 'USD',
            timezone: me.profile.timezone ?? 'UTC',
          }}
        />
      )}
      <DeviceSettings />
      <PasswordSection />
      <SessionsSection />
      <CalendarSection />
      <WebhooksSection />
      <DataSection />
    </Stack>
  );
}
