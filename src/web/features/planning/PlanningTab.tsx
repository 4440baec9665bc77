import { Button, Group, Select, Tabs } from '@mantine/core';
import { IconFileImport, IconPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Project } from '../../../contracts/portfolio.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { BaselinePanel } from './BaselinePanel.tsx';
import type { BaselineDates } from './GanttSvg.tsx';
import { GanttView } from './GanttView.tsx';
import { ImportExportPanel } from './ImportExportPanel.tsx';
import { MilestoneTrendChart } from './MilestoneTrendChart.tsx';
import { PlanSettingsForm } from './PlanSettingsForm.tsx';
import { useBaselineComparison, useBaselines, usePlan, usePlanMutations } from './planning-api.ts';

const VIEWS = ['gantt', 'baselines', 'trend', 'settings', 'exchange'] as const;
type View = (typeof VIEWS)[number];

/** The project's Planning tab: Gantt, baselines, milestone trend, settings, import/export. */
export function PlanningTab({ project }: { project: Pick<Project, 'id' | 'name'> }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const view: View = VIEWS.includes(params.get('view') as View)
    ? (params.get('view') as View)
    : 'gantt';
  const setView = (v: View) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (v === 'gantt') next.delete('view');
        else next.set('view', v);
        return next;
      },
      { replace: true },
    );
  const plan = usePlan(project.id);
  const baselines = useBaselines(project.id);
  const [baselineId, setBaselineId] = useState<string | null>(null);
  const comparison = useBaselineComparison(project.id, baselineId);
  // The first task, added from the empty state, opens with its name ready to type.
  const [firstTaskId, setFirstTaskId] = useState<string | null>(null);
  const mutations = usePlanMutations(project.id, (ids) => setFirstTaskId(ids[0] ?? null));
  const baselineMap = useMemo(() => {
    if (!baselineId || !comparison.data) return null;
    const map = new Map<string, BaselineDates>();
    for (const r of comparison.data.rows)
      map.set(r.taskId, { start: r.baselineStart, finish: r.baselineFinish });
    return map;
  }, [baselineId, comparison.data]);

  if (plan.isPending) return <TableSkeleton rows={10} />;
  if (plan.isError) return <ErrorState error={plan.error} onRetry={() => void plan.refetch()} />;
  const p = plan.data;

  const baselinePicker = (
    <Select
      size="xs"
      w={220}
      aria-label={t('planning.baselines.show')}
      placeholder={t('planning.baselines.none')}
      data={(baselines.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
      value={baselineId}
      onChange={setBaselineId}
      clearable
      disabled={!baselines.data?.items.length}
    />
  );

  return (
    <Tabs
      value={view}
      onChange={(v) => v && setView(v as View)}
      variant="pills"
      keepMounted={false}
    >
      <Tabs.List mb="sm" className="planning-subnav">
        {VIEWS.map((v) => (
          <Tabs.Tab key={v} value={v}>
            {t(`planning.views.${v}`)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      <Tabs.Panel value="gantt">
        {p.tasks.length === 0 ? (
          <EmptyState
            title={t('planning.empty.title')}
            message={t('planning.empty.message')}
            action={
              p.can.edit && (
                <Group>
                  <Button
                    leftSection={<IconPlus size={16} aria-hidden />}
                    loading={mutations.createTask.isPending}
                    onClick={() =>
                      mutations.createTask.mutate({ name: t('planning.newTask'), duration: 1 })
                    }
                  >
                    {t('planning.empty.addFirst')}
                  </Button>
                  <Button
                    variant="default"
                    leftSection={<IconFileImport size={16} aria-hidden />}
                    onClick={() => setView('exchange')}
                  >
                    {t('planning.empty.import')}
                  </Button>
                </Group>
              )
            }
          />
        ) : (
          <GanttView
            plan={p}
            projectId={project.id}
            projectName={project.name}
            baselines={baselineMap}
            toolbarExtra={baselinePicker}
            editFirst={firstTaskId}
          />
        )}
      </Tabs.Panel>
      <Tabs.Panel value="baselines">
        <BaselinePanel
          projectId={project.id}
          canCreate={p.can.baseline}
          selectedId={baselineId}
          onSelect={setBaselineId}
        />
      </Tabs.Panel>
      <Tabs.Panel value="trend">
        <MilestoneTrendChart projectId={project.id} />
      </Tabs.Panel>
      <Tabs.Panel value="settings">
        <PlanSettingsForm plan={p} projectId={project.id} key={p.settings.version} />
      </Tabs.Panel>
      <Tabs.Panel value="exchange">
        <ImportExportPanel projectId={project.id} canEdit={p.can.edit} />
      </Tabs.Panel>
    </Tabs>
  );
}
