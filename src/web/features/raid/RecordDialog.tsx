import { Button, Divider, Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/errors.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { ActionsPanel } from './ActionsPanel.tsx';

/**
 * The dialog of one log record (an issue, a decision): its fields (`children`), read-only for
 * whoever may not edit, with what went wrong and « Annuler » / « Enregistrer » at the foot, then
 * the record's actions once it is saved (`saved`).
 */
export function RecordDialog({
  title,
  canEdit,
  save,
  onSubmit,
  onClose,
  footStart,
  saved,
  children,
}: {
  title: string;
  canEdit: boolean;
  save: { isPending: boolean; error: unknown };
  onSubmit: () => void;
  onClose: () => void;
  /** Buttons at the left of the foot (the issue's « Remonter… »). */
  footStart?: ReactNode;
  saved: { type: 'issue' | 'decision'; id: string; projectId: string } | null;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onClose} size="xl" title={title}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <fieldset disabled={!canEdit} style={{ border: 0, padding: 0, margin: 0 }}>
          <Stack gap="sm">
            {children}
            {canEdit && (
              <FormActions
                error={save.error ? errorMessage(t, save.error) : null}
                onCancel={onClose}
                start={footStart}
              >
                <Button type="submit" loading={save.isPending}>
                  {t('common.save')}
                </Button>
              </FormActions>
            )}
          </Stack>
        </fieldset>
      </form>
      {saved && (
        <>
          <Divider my="md" />
          <ActionsPanel
            sourceType={saved.type}
            sourceId={saved.id}
            projectId={saved.projectId}
            canEdit={canEdit}
          />
        </>
      )}
    </Modal>
  );
}
