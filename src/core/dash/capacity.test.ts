import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toEpochDay } from '../calendar/days.ts';
import {
  capacityPressure,
  holidaysBetween,
  type PressureAbsence,
  type PressureAllocation,
  type PressureInput,
  sharedCapacity,
} from './capacity.ts';

const d = toEpochDay;
const MON = d('2026-12-21');
const window = { from: MON, to: MON + 28, holidays: holidaysBetween(MON, MON + 27) };
const alloc = (
  person: number,
  project: string,
  unit: 'hours' | 'percent',
  amount: number,
  start = '2026-12-01',
  finish = '2027-03-31',
): PressureAllocation => ({ person, project, unit, amount, start: d(start), finish: d(finish) });
const off = (person: number, day: string, fraction = 1): PressureAbsence => ({
  person,
  day: d(day),
  fraction,
});

describe('holidaysBetween', () => {
  it('lists the French public holidays of the window, across years', () => {
    expect([...holidaysBetween(MON, MON + 27)]).toEqual([d('2026-12-25'), d('2027-01-01')]);
    expect([...holidaysBetween(d('2026-11-18'), d('2026-12-15'))]).toEqual([]);
  });
});

describe('capacityPressure', () => {
  const cases: {
    name: string;
    weekHours: number[] | null;
    absences: PressureAbsence[];
    allocations: PressureAllocation[];
    capacity: number;
    hours: number[];
  }[] = [
    {
      name: 'default week: 20 working days, two Friday holidays',
      weekHours: null,
      absences: [],
      allocations: [alloc(0, 'A', 'hours', 35)],
      capacity: 18 * 7,
      hours: [35 * (18 / 5)],
    },
    {
      name: 'a holiday on a day the person does not work takes nothing',
      weekHours: [8, 8, 8, 8, 0, 0, 0],
      absences: [],
      allocations: [alloc(0, 'A', 'percent', 100)],
      capacity: 16 * 8,
      hours: [16 * 8],
    },
    {
      name: 'overlapping absences count the day once; half days half; weekends nothing',
      weekHours: [0, 8, 8, 8, 8, 0, 0],
      absences: [
        off(0, '2026-12-28'),
        off(0, '2026-12-29'),
        off(0, '2026-12-29'),
        off(0, '2026-12-30'),
        off(0, '2026-12-31'),
        off(0, '2027-01-14', 0.5),
        off(0, '2027-01-16'),
      ],
      allocations: [alloc(0, 'A', 'percent', 50)],
      capacity: 84,
      hours: [42],
    },
    {
      name: 'an allocation partly in the window counts its days only; two projects',
      weekHours: null,
      absences: [],
      allocations: [
        alloc(0, 'A', 'hours', 35, '2026-12-01', '2026-12-27'),
        alloc(0, 'B', 'percent', 20),
      ],
      capacity: 18 * 7,
      hours: [35 * (4 / 5), 18 * 7 * 0.2],
    },
  ];
  it.each(cases)('$name', (c) => {
    const r = capacityPressure({
      ...window,
      people: [{ weekHours: c.weekHours }],
      absences: c.absences,
      allocations: c.allocations,
    });
    expect(r.capacity[0]).toBeCloseTo(c.capacity, 6);
    expect(r.loads.map((l) => l.hours)).toEqual(c.hours.map((h) => expect.closeTo(h, 6)));
  });
});

describe('sharedCapacity', () => {
  it("shares a person's capacity among their projects by hours, without counting anyone twice", () => {
    const r = capacityPressure({
      ...window,
      people: [{ weekHours: null }, { weekHours: [7, 7, 7, 0, 0, 0, 0] }],
      absences: [off(1, '2027-01-04')],
      allocations: [
        alloc(0, 'A', 'hours', 21),
        alloc(0, 'B', 'hours', 14),
        alloc(1, 'B', 'percent', 100),
      ],
    });
    const rows = sharedCapacity(r, (p) => (p === 0 ? 'DSI' : 'RH'));
    const a = rows.find((x) => x.project === 'A')!;
    expect(a.group).toBe('DSI');
    expect(a.capacity).toBeCloseTo(18 * 7 * 0.6, 6);
    const total = rows.reduce((s, x) => s + x.capacity, 0);
    expect(total).toBeCloseTo(18 * 7 + (12 - 1) * 7, 6);
  });

  it('property: shares add up to the capacity of the people allocated, at most', () => {
    const person = fc.record({
      weekHours: fc.option(
        fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 7, maxLength: 7 }),
      ),
    });
    fc.assert(
      fc.property(
        fc.array(person, { minLength: 1, maxLength: 4 }),
        fc.array(
          fc.record({
            person: fc.nat(),
            project: fc.constantFrom('A', 'B', 'C'),
            unit: fc.constantFrom('hours' as const, 'percent' as const),
            amount: fc.integer({ min: 1, max: 100 }),
            start: fc.integer({ min: -40, max: 40 }),
            length: fc.integer({ min: 0, max: 60 }),
          }),
          { maxLength: 10 },
        ),
        fc.array(
          fc.record({
            person: fc.nat(),
            day: fc.integer({ min: 0, max: 27 }),
            fraction: fc.constantFrom(0.5, 1),
          }),
          { maxLength: 10 },
        ),
        (people, allocs, absences) => {
          const input: PressureInput = {
            ...window,
            people,
            allocations: allocs.map((a) => ({
              person: a.person % people.length,
              project: a.project,
              unit: a.unit,
              amount: a.amount,
              start: MON + a.start,
              finish: MON + a.start + a.length,
            })),
            absences: absences.map((x) => ({
              person: x.person % people.length,
              day: MON + x.day,
              fraction: x.fraction,
            })),
          };
          const r = capacityPressure(input);
          const rows = sharedCapacity(r, () => null);
          const allocated = new Set(r.loads.filter((l) => l.hours > 0).map((l) => l.person));
          const bound = [...allocated].reduce((s, p) => s + r.capacity[p]!, 0);
          const shared = rows.reduce((s, x) => s + x.capacity, 0);
          expect(shared).toBeLessThanOrEqual(bound + 1e-6);
          expect(shared).toBeGreaterThanOrEqual(bound - 1e-6);
          for (const c of r.capacity) expect(c).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
