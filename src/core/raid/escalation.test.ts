import { describe, expect, it } from 'vitest';
import { escalation, type EscalationState } from './escalation.ts';

const pg = { id: 'pg', name: 'Programme Conformité' };
const pf = { id: 'pf', name: 'Portefeuille SI' };
const project: EscalationState = { projectId: 'p', programId: null, portfolioId: null };

describe('escalating a risk or an issue', () => {
  it.each([
    [
      'project item to its programme',
      'program',
      project,
      { program: pg, portfolio: pf },
      { ok: true, change: { programId: 'pg' }, name: pg.name },
    ],
    [
      'project item to its portfolio',
      'portfolio',
      project,
      { program: pg, portfolio: pf },
      { ok: true, change: { portfolioId: 'pf' }, name: pf.name },
    ],
    [
      'already at the programme',
      'program',
      { ...project, programId: 'pg' },
      { program: pg, portfolio: pf },
      { ok: false, refusal: 'already' },
    ],
    [
      'already at the portfolio',
      'portfolio',
      { ...project, portfolioId: 'pf' },
      { program: pg, portfolio: pf },
      { ok: false, refusal: 'already' },
    ],
    [
      'a programme item goes to no programme',
      'program',
      { projectId: null, programId: null, portfolioId: null },
      { program: pg, portfolio: pf },
      { ok: false, refusal: 'not-project' },
    ],
    [
      'a programme risk (program set) is already there',
      'program',
      { projectId: null, programId: 'pg', portfolioId: null },
      { program: null, portfolio: pf },
      { ok: false, refusal: 'already' },
    ],
    [
      'project without programme',
      'program',
      project,
      { program: null, portfolio: pf },
      { ok: false, refusal: 'no-target' },
    ],
    [
      'no portfolio',
      'portfolio',
      project,
      { program: pg, portfolio: undefined },
      { ok: false, refusal: 'no-target' },
    ],
    [
      'escalated to the programme, then on to the portfolio',
      'portfolio',
      { ...project, programId: 'pg' },
      { program: pg, portfolio: pf },
      { ok: true, change: { portfolioId: 'pf' }, name: pf.name },
    ],
  ] as const)('%s', (_label, to, item, targets, expected) => {
    expect(escalation(to, item, targets)).toEqual(expected);
  });
});
