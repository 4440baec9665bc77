import { Button, Modal, Stack } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/errors.ts';
import { FormActions } from '../../components/FormActions.tsx';

/**
 * The form of one catalogue entry of the method pages (standard milestone, role description,
 * policy, lesson learned, glossary term, milestone evidence): a modal with the entry's fields,
 * the message of what went wrong, « Annuler » and the save button, busy while saving.
 *
 * `onSave` sends the entry (and closes the form itself when it is done); it returns a message
 * to show instead when a check before sending fails, and throws the API's error, shown in the
 * user's language. With `submitOnEnter`, the fields are a form that Enter submits.
 */
export function CatalogueFormModal({
  title,
  size = 'lg',
  onClose,
  onSave,
  saveLabel,
  submitOnEnter = false,
  children,
}: {
  title: ReactNode;
  size?: string;
  onClose: () => void;
  onSave: () => Promise<string | void>;
  saveLabel?: string;
  submitOnEnter?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const problem = await onSave();
      if (problem) setError(problem);
    } catch (e) {
      setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };
  const body = (
    <Stack>
      {children}
      <FormActions error={error} onCancel={onClose}>
        <Button
          type={submitOnEnter ? 'submit' : 'button'}
          onClick={submitOnEnter ? undefined : () => void save()}
          loading={busy}
        >
          {saveLabel ?? t('common.save')}
        </Button>
      </FormActions>
    </Stack>
  );
  return (
    <Modal opened onClose={onClose} size={size} title={title}>
      {submitOnEnter ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          {body}
        </form>
      ) : (
        body
      )}
    </Modal>
  );
}
