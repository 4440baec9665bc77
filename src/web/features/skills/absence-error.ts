import type { TFunction } from 'i18next';
import { isApiError } from '../../api/client.ts';
import { errorMessage } from '../../components/errors.ts';
import { formatDate } from '../../format.ts';

/**
 * The message for a refused absence: when it falls on a training, the training is named with
 * its dates (the server sends them in the error's details); otherwise the usual message.
 */
export function absenceErrorMessage(t: TFunction, error: unknown): string {
  if (isApiError(error, 'ABSENCE_ON_TRAINING')) {
    const first = (
      error.details as
        { trainings?: { title: string; start: string; finish: string }[] } | undefined
    )?.trainings?.[0];
    if (first) {
      return t('skills.absenceOnTraining', {
        title: first.title,
        start: formatDate(first.start),
        finish: formatDate(first.finish),
      });
    }
  }
  return errorMessage(t, error);
}

/** « 13/10/2026 » or « 13/10/2026 – 14/10/2026 » for each span, joined. */
export function formatSpans(spans: readonly { start: string; finish: string }[]): string {
  return spans
    .map((s) =>
      s.start === s.finish
        ? formatDate(s.start)
        : `${formatDate(s.start)} – ${formatDate(s.finish)}`,
    )
    .join(', ');
}
