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

interface ConflictDetails {
  conflicts?: {
    person: { name: string };
    absences: {
      kind: string;
      status: string;
      days: { start: string; finish: string }[];
    }[];
  }[];
  missedDays?: { start: string; finish: string }[];
  person?: { name: string };
  from?: string;
}

/**
 * The message for a refused enrolment, approval, attendance or session move: who is absent,
 * which absence and on which session days (TRAINING_ON_ABSENCE), or that the person was sick on
 * every day (ATTENDANCE_ALL_DAYS_SICK), or from which day attendance may be recorded
 * (ATTENDANCE_NOT_STARTED); otherwise the usual message.
 */
export function trainingErrorMessage(t: TFunction, error: unknown): string {
  if (isApiError(error, 'TRAINING_ON_ABSENCE')) {
    const conflicts = (error.details as ConflictDetails | undefined)?.conflicts ?? [];
    const lines = conflicts.flatMap((c) =>
      c.absences.map((a) =>
        t('skills.trainingOnAbsence', {
          name: c.person.name,
          kind: t(`resources.absences.kinds.${a.kind}`),
          status: t(`skills.absenceStatus.${a.status === 'approved' ? 'approved' : 'requested'}`),
          days: formatSpans(a.days),
        }),
      ),
    );
    if (lines.length > 0) return `${lines.join(' ')} ${t('skills.trainingOnAbsenceHint')}`;
  }
  if (isApiError(error, 'ATTENDANCE_ALL_DAYS_SICK')) {
    const d = error.details as ConflictDetails | undefined;
    if (d?.person && d.missedDays) {
      return t('skills.attendanceAllDaysSick', {
        name: d.person.name,
        days: formatSpans(d.missedDays),
      });
    }
  }
  if (isApiError(error, 'ATTENDANCE_NOT_STARTED')) {
    const from = (error.details as ConflictDetails | undefined)?.from;
    if (from) return t('skills.attendanceNotStarted', { date: formatDate(from) });
  }
  return errorMessage(t, error);
}
