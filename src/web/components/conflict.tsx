import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconGitMerge } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { isApiError } from '../api/client.ts';
import { changedFields } from './forms.ts';

interface Versioned {
  version: number;
}

/**
 * Keeps the record an edit form is based on, and what to do when the server answers 412:
 * the current record arrives with the error, the user's input stays, and the user chooses
 * between loading the current version or re-applying their changes on top of it.
 * A form that creates (no record yet) gets a session too, where nothing can conflict.
 */
export function useEditSession<R extends Versioned, B extends Record<string, unknown>>({
  record,
  schema,
  toBody,
}: {
  record: R | undefined;
  schema: z.ZodType<R>;
  toBody: (record: R) => B;
}) {
  const [base, setBase] = useState<R | undefined>(record);
  const [conflict, setConflict] = useState<R | null>(null);
  return {
    base,
    /** The version to send as `If-Match`. */
    version: base?.version ?? 0,
    conflict,
    /** The changed fields to PATCH, compared with the version the form is based on. */
    patchOf: (body: B): Partial<B> => (base ? changedFields(body, toBody(base)) : body),
    /** Takes a 412 in hand (returns true), or leaves any other error to the caller. */
    catchConflict(error: unknown): boolean {
      if (!isApiError(error, 'VERSION_MISMATCH') || !base) return false;
      const current = schema.safeParse(error.current);
      // An unreadable current record still blocks the save: the user reloads to see it.
      setConflict(current.success ? current.data : { ...base, version: base.version + 1 });
      return true;
    },
    /** Fields the other person changed. */
    conflictFields:
      conflict && base ? Object.keys(changedFields(toBody(conflict), toBody(base))) : [],
    resolveWithTheirs(): R | null {
      if (!conflict) return null;
      setBase(conflict);
      setConflict(null);
      return conflict;
    },
    resolveKeepingMine() {
      if (!conflict) return;
      setBase(conflict);
      setConflict(null);
    },
    reset(next: R) {
      setBase(next);
      setConflict(null);
    },
  };
}

/** Tells the user someone else saved first, names what they changed, and offers both ways out. */
export function ConflictAlert({
  fields,
  fieldLabel,
  onReload,
  onKeepMine,
}: {
  fields: string[];
  fieldLabel: (field: string) => string;
  onReload: () => void;
  onKeepMine: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconGitMerge aria-hidden />}
      title={t('conflict.title')}
      role="alert"
    >
      <Stack gap="xs">
        <Text size="sm">{t('conflict.message')}</Text>
        {fields.length > 0 && (
          <Text size="sm">
            {t('conflict.fields', { fields: fields.map(fieldLabel).join(', ') })}
          </Text>
        )}
        <Group gap="xs">
          <Button size="xs" color="orange" onClick={onReload}>
            {t('conflict.reload')}
          </Button>
          <Button size="xs" variant="default" onClick={onKeepMine}>
            {t('conflict.keepMine')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
