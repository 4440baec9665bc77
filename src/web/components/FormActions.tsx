import { Alert, Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The foot of a form (most often in a modal): what went wrong (`error`, when there is something to say), then on
 * the right « Annuler » and the form's own buttons (`children`: save, create, confirm…).
 */
export function FormActions({
  error,
  onCancel,
  children,
}: {
  error?: ReactNode;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        {children}
      </Group>
    </>
  );
}
