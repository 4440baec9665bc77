import { Alert, Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The foot of a form (most often in a modal): what went wrong (`error`, when there is something to say), then on
 * the right « Annuler » and the form's own buttons (`children`: save, create, confirm…), and on the left the
 * buttons that lead elsewhere (`start`, such as « Remonter… »).
 */
export function FormActions({
  error,
  onCancel,
  start,
  children,
}: {
  error?: ReactNode;
  onCancel: () => void;
  start?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const buttons = (
    <>
      <Button variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      {children}
    </>
  );
  return (
    <>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {start === undefined ? (
        <Group justify="flex-end">{buttons}</Group>
      ) : (
        <Group justify="space-between">
          <div>{start}</div>
          <Group>{buttons}</Group>
        </Group>
      )}
    </>
  );
}
