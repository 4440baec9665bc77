// What happens when a person declares an absence over days already taken by another absence,
// and in particular by a training they are enrolled in. Pure.
//
// The rule a PMO applies:
// - a sick day (« maladie ») is not chosen: it is allowed on a training day, and the person is
//   marked absent from the training on those days (the enrolment shows it, the day counts once
//   in capacity);
// - a leave request (congés, RTT, another absence, a second « formation ») on a training day is
//   refused, naming the training: cancel the enrolment first, or pick other days;
// - any other overlap (two leave requests, sickness over congés) is refused as before.

export type AbsenceKind = 'conges' | 'rtt' | 'formation' | 'maladie' | 'autre';

/** An open (requested or approved) absence of the person that overlaps the new one. */
export interface OverlappingAbsence {
  id: string;
  kind: AbsenceKind;
  start: string;
  finish: string;
  /** The training session this absence stands for (an enrolment's « formation »), if any. */
  training: {
    sessionId: string;
    code: string;
    title: string;
    start: string;
    finish: string;
  } | null;
}

export type OverlapDecision =
  | { ok: true; trainings: NonNullable<OverlappingAbsence['training']>[] }
  | { ok: false; code: 'ABSENCE_OVERLAP'; absenceIds: string[] }
  | {
      ok: false;
      code: 'ABSENCE_ON_TRAINING';
      absenceIds: string[];
      trainings: NonNullable<OverlappingAbsence['training']>[];
    };

/** Kinds that may fall on a training day (the person is then absent from the training). */
export const ALLOWED_ON_TRAINING: readonly AbsenceKind[] = ['maladie'];

/**
 * Decides whether a new absence of `kind` may be declared over `overlaps`.
 * @example decideOverlap('maladie', [trainingAbsence]) // { ok: true, trainings: [training] }
 * @example decideOverlap('conges', [trainingAbsence]).code // 'ABSENCE_ON_TRAINING'
 */
export function decideOverlap(
  kind: AbsenceKind,
  overlaps: readonly OverlappingAbsence[],
): OverlapDecision {
  if (overlaps.length === 0) return { ok: true, trainings: [] };
  const trainings = overlaps.filter((o) => o.training !== null);
  const others = overlaps.filter((o) => o.training === null);
  const named = trainings.map((o) => o.training!);
  if (others.length > 0) {
    return { ok: false, code: 'ABSENCE_OVERLAP', absenceIds: others.map((o) => o.id) };
  }
  if (ALLOWED_ON_TRAINING.includes(kind)) return { ok: true, trainings: named };
  return {
    ok: false,
    code: 'ABSENCE_ON_TRAINING',
    absenceIds: trainings.map((o) => o.id),
    trainings: named,
  };
}

/**
 * The days of a session a person missed: the parts of their sick absences that fall within
 * the session, merged and sorted. Dates are ISO strings (compare as text).
 * @example missedSpans({ start: '2026-10-12', finish: '2026-10-14' }, [{ start: '2026-10-13', finish: '2026-10-20' }])
 * // [{ start: '2026-10-13', finish: '2026-10-14' }]
 */
export function missedSpans(
  session: { start: string; finish: string },
  sick: readonly { start: string; finish: string }[],
): { start: string; finish: string }[] {
  const clipped = sick
    .filter((a) => a.start <= session.finish && a.finish >= session.start)
    .map((a) => ({
      start: a.start > session.start ? a.start : session.start,
      finish: a.finish < session.finish ? a.finish : session.finish,
    }))
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out: { start: string; finish: string }[] = [];
  for (const s of clipped) {
    const last = out[out.length - 1];
    if (last && s.start <= last.finish) {
      if (s.finish > last.finish) last.finish = s.finish;
    } else out.push({ ...s });
  }
  return out;
}
