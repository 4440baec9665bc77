import { Alert, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { LoginBody } from '../../../contracts/auth.ts';
import { isApiError } from '../../api/client.ts';
import { errorMessage } from '../../components/errors.ts';
import { validateWith } from '../../components/forms.ts';
import { changeLocale, currentLocale } from '../../i18n.ts';
import { useAuthActions, useMe, useSetupStatus } from './auth-api.ts';
import { AuthCard } from './AuthCard.tsx';

/** Only same-site paths are followed after login, never an absolute URL. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const me = useMe();
  const setup = useSetupStatus();
  const { login } = useAuthActions();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: validateWith(LoginBody, (v: { email: string; password: string }) => v, t),
  });

  if (me.data) return <Navigate to={safeNext(params.get('next'))} replace />;

  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      const user = await login(values);
      if (user.locale && user.locale !== currentLocale()) await changeLocale(user.locale);
      await navigate(safeNext(params.get('next')), { replace: true });
    } catch (e) {
      // Bad email and bad password read the same: never tell which one was wrong.
      setError(
        isApiError(e, 'INVALID_CREDENTIALS') || isApiError(e, 'VALIDATION_FAILED')
          ? t('errors.INVALID_CREDENTIALS')
          : errorMessage(t, e),
      );
    }
  });

  return (
    <AuthCard title={t('auth.loginTitle')}>
      {setup.data?.needed && (
        <Alert color="blue" variant="light">
          {t('auth.setupNeeded')}
        </Alert>
      )}
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <TextInput
            label={t('auth.email')}
            type="email"
            autoComplete="username"
            required
            autoFocus
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label={t('auth.password')}
            autoComplete="current-password"
            required
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={form.submitting} fullWidth>
            {t('auth.login')}
          </Button>
          <Text size="xs" c="dimmed" ta="center">
            {t('auth.loginHelp')}
          </Text>
        </Stack>
      </form>
    </AuthCard>
  );
}
