import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { SetupBody } from '../../../contracts/auth.ts';
import { applyApiError, validateWith } from '../../components/forms.ts';
import { useAuthActions, useSetupStatus } from './auth-api.ts';
import { AuthCard } from './AuthCard.tsx';

interface SetupValues {
  name: string;
  email: string;
  password: string;
  confirm: string;
}

export function SetupPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const status = useSetupStatus();
  const { setup } = useAuthActions();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const schemaCheck = validateWith(SetupBody, (v: SetupValues) => ({ ...v, token }), t);
  const form = useForm<SetupValues>({
    initialValues: { name: '', email: '', password: '', confirm: '' },
    validate: (values) => ({
      ...schemaCheck(values),
      ...(values.confirm !== values.password ? { confirm: t('auth.passwordsDiffer') } : {}),
    }),
  });

  const submit = form.onSubmit(async ({ name, email, password }) => {
    setError(null);
    try {
      await setup({ token, name, email, password });
      await navigate('/', { replace: true });
    } catch (e) {
      setError(applyApiError(form, e, t, ['name', 'email', 'password']));
    }
  });

  const unavailable = !token || status.data?.needed === false;
  return (
    <AuthCard title={t('auth.setupTitle')}>
      {unavailable ? (
        <Alert color="orange" variant="light" role="alert">
          {token ? t('errors.SETUP_ALREADY_DONE') : t('auth.setupNoToken')}
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {error && (
              <Alert color="red" variant="light" role="alert">
                {error}
              </Alert>
            )}
            <TextInput
              label={t('auth.name')}
              required
              autoComplete="name"
              {...form.getInputProps('name')}
            />
            <TextInput
              label={t('auth.email')}
              type="email"
              required
              autoComplete="username"
              {...form.getInputProps('email')}
            />
            <PasswordInput
              label={t('auth.password')}
              description={t('auth.passwordRule')}
              required
              autoComplete="new-password"
              {...form.getInputProps('password')}
            />
            <PasswordInput
              label={t('auth.passwordConfirm')}
              required
              autoComplete="new-password"
              {...form.getInputProps('confirm')}
            />
            <Button type="submit" loading={form.submitting} fullWidth>
              {t('auth.setupSubmit')}
            </Button>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}
