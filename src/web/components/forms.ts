import type { UseFormReturnType } from '@mantine/form';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { isApiError } from '../api/client.ts';
import { errorMessage, issueMessage } from './errors.ts';

type FormErrors = Record<string, string>;

/**
 * A Mantine `validate` function from a contract schema: the form values are turned into the
 * request body, checked by the same schema as the server, and each issue lands on its field.
 */
export function validateWith<V>(
  schema: z.ZodType,
  toBody: (values: V) => unknown,
  t: TFunction,
): (values: V) => FormErrors {
  return (values) => {
    const body = toBody(values) as Record<string, unknown>;
    const result = schema.safeParse(body);
    if (result.success) return {};
    const errors: FormErrors = {};
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? '');
      if (!field || errors[field]) continue;
      // An empty required field reads "required", not "invalid format".
      errors[field] =
        body[field] === '' ? t('validation.required') : issueMessage(t, issue as never);
    }
    return errors;
  };
}

/** Which form field an error code belongs to, when it is about one field. */
const FIELD_OF_CODE: Partial<Record<string, string>> = {
  DUPLICATE_CODE: 'code',
  DUPLICATE_EMAIL: 'email',
};

/**
 * Shows an API error on the form: validation issues next to their fields (`path[1]` of a
 * `body` issue), a duplicate next to its field; returns the message left for the form's
 * own alert (null when every issue found its field).
 */
export function applyApiError<V>(
  form: Pick<UseFormReturnType<V>, 'setFieldError'>,
  error: unknown,
  t: TFunction,
  fields: readonly string[],
): string | null {
  if (!isApiError(error)) return errorMessage(t, error);
  const field = FIELD_OF_CODE[error.code];
  if (field && fields.includes(field)) {
    form.setFieldError(field as never, t(`errors.${error.code}`));
    return null;
  }
  if (error.code !== 'VALIDATION_FAILED') return errorMessage(t, error);
  let unplaced = error.issues.length === 0;
  for (const issue of error.issues) {
    const name = issue.path[0] === 'body' ? String(issue.path[1] ?? '') : '';
    if (name && fields.includes(name)) form.setFieldError(name as never, issueMessage(t, issue));
    else unplaced = true;
  }
  return unplaced ? errorMessage(t, error) : null;
}

/** The fields whose value differs: what a PATCH should send. */
export function changedFields<T extends Record<string, unknown>>(
  next: T,
  base: Record<string, unknown>,
): Partial<T> {
  const patch: Partial<T> = {};
  for (const key of Object.keys(next) as (keyof T & string)[]) {
    if (JSON.stringify(next[key]) !== JSON.stringify(base[key])) patch[key] = next[key];
  }
  return patch;
}

/** Empty text inputs mean "none" for nullable fields. */
export const orNull = (value: string | null | undefined): string | null =>
  value === undefined || value === null || value.trim() === '' ? null : value.trim();
