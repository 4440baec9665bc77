import type { TFunction } from 'i18next';
import { isApiError } from '../api/client.ts';

/** The translated sentence for any error: `errors.<CODE>`, or the generic one. */
export function errorMessage(t: TFunction, error: unknown): string {
  if (isApiError(error)) {
    if (error.status === 0) return t('errors.NETWORK');
    return t(`errors.${error.code}`);
  }
  return t('errors.INTERNAL');
}

/** The contracts' own refinement messages (the same on client and server) and their keys. */
const CUSTOM_MESSAGES: Partial<Record<string, string>> = {
  'Must be on or after the planned start': 'validation.dateOrder',
};

/** Translates one validation issue, from its code (zod's) and what we know of its bounds. */
export function issueMessage(
  t: TFunction,
  issue: {
    code?: string | undefined;
    message?: string;
    minimum?: unknown;
    maximum?: unknown;
    origin?: unknown;
  },
): string {
  switch (issue.code) {
    case 'custom':
      return t(CUSTOM_MESSAGES[issue.message ?? ''] ?? 'validation.invalid');
    case 'too_small':
      if (issue.origin === 'string' && issue.minimum === 1) return t('validation.required');
      if (issue.origin === 'string' && typeof issue.minimum === 'number') {
        return t('validation.tooShort', { count: issue.minimum });
      }
      return t('validation.tooSmall');
    case 'too_big':
      if (issue.origin === 'string' && typeof issue.maximum === 'number') {
        return t('validation.tooLong', { count: issue.maximum });
      }
      return t('validation.tooBig');
    case 'invalid_format':
    case 'invalid_string':
    case 'pattern':
    case 'format':
      return t('validation.invalidFormat');
    case 'invalid_type':
    case 'type':
    case 'required':
      return t('validation.required');
    case 'invalid_value':
    case 'enum':
      return t('validation.invalidValue');
    default:
      return t('validation.invalid');
  }
}
