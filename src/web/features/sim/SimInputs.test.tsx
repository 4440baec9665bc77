// @vitest-environment jsdom
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, within } from '@testing-library/react';
import type { i18n as I18n } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SimModel } from '../../../contracts/sim.ts';
import { initI18n } from '../../i18n.ts';
import { SimInputs } from './SimInputs.tsx';

let i18n: I18n;
beforeAll(async () => {
  globalThis.fetch = () => new Promise<Response>(() => undefined);
  i18n = await initI18n('fr');
});
const t = (key: string, options?: Record<string, unknown>) => i18n.t(key, options);

const task = {
  level: 1,
  isSummary: false,
  milestone: false,
  finish: '2026-06-30',
  critical: false,
  percentComplete: 0,
};
const model = {
  projectId: '00000000-0000-4000-8000-0000000000a1',
  planned: { start: '2026-03-02', finish: '2026-06-30' },
  tasks: [
    {
      ...task,
      id: '00000000-0000-4000-8000-0000000000b1',
      wbs: '1',
      name: 'Développements',
      duration: 10,
      critical: true,
      estimate: { distribution: 'pert', min: 8, mode: 10, max: 15.25, version: 1 },
    },
    {
      ...task,
      id: '00000000-0000-4000-8000-0000000000b2',
      wbs: '2',
      name: 'Recette',
      duration: 5,
      estimate: { distribution: 'uniform', min: 4, mode: 5, max: 7, version: 1 },
    },
    {
      ...task,
      id: '00000000-0000-4000-8000-0000000000b3',
      wbs: '3',
      name: 'Doc',
      duration: 2,
      estimate: null,
    },
  ],
  events: [],
  registerEvents: [],
  cost: {
    budget: 3_000_000,
    lines: [
      {
        id: '00000000-0000-4000-8000-0000000000c1',
        label: 'Intégrateur',
        category: 'external_services',
        amount: 2_000_000,
        range: {
          distribution: 'triangular',
          min: 1_900_000,
          mode: 2_000_000,
          max: 2_600_000,
          version: 1,
        },
      },
      {
        id: '00000000-0000-4000-8000-0000000000c2',
        label: 'Licences',
        category: 'software',
        amount: 1_000_000,
        range: null,
      },
    ],
  },
  registerRisks: [],
  can: { edit: true, run: true, cost: true },
} as unknown as SimModel;

function show(m: SimModel) {
  const client = new QueryClient();
  return render(
    <QueryClientProvider client={client}>
      <MantineProvider>
        <SimInputs model={m} />
      </MantineProvider>
    </QueryClientProvider>,
  );
}

const table = () => {
  const tables = screen.getAllByRole('table');
  expect(tables).toHaveLength(1);
  return tables[0]!;
};
const headers = () =>
  within(table())
    .getAllByRole('columnheader')
    .map((h) => h.textContent);
const cells = () =>
  within(table())
    .getAllByRole('row')
    .slice(1)
    .map((r) =>
      within(r)
        .getAllByRole('cell')
        .map((c) => c.textContent?.replace(/\s/g, ' ')),
    );

describe('the simulation inputs', () => {
  it('lists the estimates of each task (no mode for a uniform one), editable and removable', () => {
    show(model);
    expect(headers()).toEqual([
      t('sim.task.wbs'),
      t('sim.task.name'),
      t('sim.task.duration'),
      t('sim.estimate.distribution'),
      t('sim.estimate.min'),
      t('sim.estimate.mode'),
      t('sim.estimate.max'),
      t('sim.actions'),
    ]);
    expect(cells().map((r) => r.slice(0, 7))).toEqual([
      [
        '1',
        `Développements${t('sim.task.critical')}`,
        '10 j',
        t('sim.distribution.pert'),
        '8 j',
        '10 j',
        '15,3 j',
      ],
      ['2', 'Recette', '5 j', t('sim.distribution.uniform'), '4 j', '', '7 j'],
      ['3', 'Doc', '2 j', '—', '', '', ''],
    ]);
    expect(
      screen.getByRole('button', { name: t('sim.estimate.edit', { name: 'Doc' }) }),
    ).toBeTruthy();
    expect(
      screen.queryByRole('button', { name: t('sim.estimate.remove', { name: 'Doc' }) }),
    ).toBeNull();
    expect(
      screen.getByRole('button', { name: t('sim.estimate.remove', { name: 'Recette' }) }),
    ).toBeTruthy();
  });

  it('lists the cost range of each budget line in euros', () => {
    show(model);
    fireEvent.click(screen.getByRole('tab', { name: t('sim.inputs.costs') }));
    expect(headers()).toEqual([
      t('sim.cost.line'),
      t('sim.cost.budget'),
      t('sim.estimate.distribution'),
      t('sim.estimate.min'),
      t('sim.estimate.mode'),
      t('sim.estimate.max'),
      t('sim.actions'),
    ]);
    expect(cells().map((r) => r.slice(0, 6))).toEqual([
      [
        'Intégrateur',
        '20 000,00 €',
        t('sim.distribution.triangular'),
        '19 000,00 €',
        '20 000,00 €',
        '26 000,00 €',
      ],
      ['Licences', '10 000,00 €', '—', '', '', ''],
    ]);
    expect(
      screen.queryByRole('button', { name: t('sim.cost.remove', { name: 'Licences' }) }),
    ).toBeNull();
  });

  it('offers no edit for a reader', () => {
    show({ ...model, can: { edit: false, run: true, cost: true } });
    expect(
      screen.queryByRole('button', { name: t('sim.estimate.edit', { name: 'Doc' }) }),
    ).toBeNull();
  });
});
