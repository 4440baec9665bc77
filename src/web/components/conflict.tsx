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
 * Re-bases what the user typed on a newer version: the fields they changed (compared with the
 * version they started from) keep their input, every other field takes the newer value — so
 * saving again never reverts what the other person changed.
 */
export function rebaseValues<V extends object>(mine: V, started: V, current: V): V {
  const merged = { ...current };
  for (const key of Object.keys(mine) as (keyof V)[]) {
    if (JSON.stringify(mine[key]) !== JSON.stringify(started[key])) merged[key] = mine[key];
  }
  return merged;
}

/**
 * Keeps the record an edit form is based on, and what to do when the server answers 412:
 * the current record arrives with the error, the user's input stays, and the user chooses
 * between loading the current version or re-applying their own changes on top of it.
 * A form that creates (no record yet) gets a session too, where nothing can conflict.
 */
export function useEditSession<
  R extends Versioned,
  V extends object,
  B extends Record<string, unknown>,
>({
  record,
  schema,
  toValues,
  toBody,
}: {
  record: R | undefined;
  schema: z.ZodType<R>;
  toValues: (record: R) => V;
  toBody: (values: V) => B;
}) {
  const [base, setBase] = useState<R | undefined>(record);
  const [conflict, setConflict] = useState<R | null>(null);
  const bodyOf = (r: R) => toBody(toValues(r));
  return {
    base,
    /** The version to send as `If-Match`. */
    version: base?.version ?? 0,
    conflict,
    /** The changed fields to PATCH, compared with the version the form is based on. */
    patchOf: (values: V): Partial<B> =>
      base ? changedFields(toBody(values), bodyOf(base)) : toBody(values),
    /**
     * Writes the form's values: when editing, a PATCH of the fields changed since the version the
     * form is based on, with that version as `If-Match` (no request when nothing changed); when
     * creating, a POST of the whole body.
     */
    async write(
      values: V,
      io: {
        update: (patch: Partial<B>, version: number, record: R) => Promise<unknown>;
        create: (body: B) => Promise<unknown>;
      },
    ): Promise<void> {
      if (!base) {
        await io.create(toBody(values));
        return;
      }
      const patch = changedFields(toBody(values), bodyOf(base));
      if (Object.keys(patch).length > 0) await io.update(patch, base.version, base);
    },
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
      conflict && base ? Object.keys(changedFields(bodyOf(conflict), bodyOf(base))) : [],
    /** Drops the user's input: the form shows the current record. */
    resolveWithTheirs(): V | null {
      if (!conflict) return null;
      setBase(conflict);
      setConflict(null);
      return toValues(conflict);
    },
    /** Keeps the user's own changes on top of the current record, ready to save again. */
    resolveKeepingMine(values: V): V | null {
      if (!conflict || !base) return null;
      setBase(conflict);
      setConflict(null);
      return rebaseValues(values, toValues(base), toValues(conflict));
    },
    reset(next: R) {
      setBase(next);
      setConflict(null);
    },
  };
}

type EditSession<V> = {
  conflict: unknown;
  conflictFields: string[];
  resolveWithTheirs: () => V | null;
  resolveKeepingMine: (values: V) => V | null;
};

/** Tells the user someone else saved first, names what they changed, and offers both ways out. */
export function ConflictAlert<V>({
  session,
  form,
  fieldLabel,
  onReloaded,
}: {
  session: EditSession<V>;
  form: { getValues: () => V; setValues: (values: V) => void };
  fieldLabel: (field: string) => string;
  onReloaded?: () => void;
}) {
  const { t } = useTranslation();
  if (!session.conflict) return null;
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
        {session.conflictFields.length > 0 && (
          <Text size="sm">
            {t('conflict.fields', { fields: session.conflictFields.map(fieldLabel).join(', ') })}
          </Text>
        )}
        <Group gap="xs">
          <Button
            size="xs"
            color="orange"
            onClick={() => {
              const values = session.resolveWithTheirs();
              if (values) form.setValues(values);
              onReloaded?.();
            }}
          >
            {t('conflict.reload')}
          </Button>
          <Button
            size="xs"
            variant="default"
            onClick={() => {
              const values = session.resolveKeepingMine(form.getValues());
              if (values) form.setValues(values);
            }}
          >
            {t('conflict.keepMine')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
