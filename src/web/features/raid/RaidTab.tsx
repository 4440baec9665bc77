import { SegmentedControl, Stack } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../../contracts/portfolio.ts';
import { useCan } from '../auth/auth-api.ts';
import { RisksTab } from '../risks/RisksTab.tsx';
import { ChangeRequestsView } from './ChangeRequestsView.tsx';
import { DecisionsView } from './DecisionsView.tsx';
import { IssuesView } from './IssuesView.tsx';

const VIEWS = ['risks', 'issues', 'decisions', 'changes'] as const;
type View = (typeof VIEWS)[number];

/**
 * The project's "Risques" tab grown into its RAID: the risk register, the issues log, the
 * decisions log and the change requests, one sub-view at a time (`?vue=` in the address).
 */
export function RaidTab({ project }: { project: Project }) {
  const { t } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const view = (VIEWS as readonly string[]).includes(params.get('vue') ?? '')
    ? (params.get('vue') as View)
    : 'risks';
  const scope = { projectId: project.id };
  const canEdit =
    project.can.update ||
    project.myRoles.some((r) => r === 'contributor' || r === 'project_manager');
  const rights = {
    edit: canEdit,
    approve: can('change.approve') || project.myRoles.includes('sponsor'),
    apply: project.can.update,
  };
  return (
    <Stack gap="md">
      <SegmentedControl
        w="fit-content"
        value={view}
        onChange={(v) => {
          const next = new URLSearchParams(params);
          if (v === 'risks') next.delete('vue');
          else next.set('vue', v);
          setParams(next, { replace: true });
        }}
        data={VIEWS.map((v) => ({ value: v, label: t(`raid.views.${v}`) }))}
        aria-label={t('raid.views.label')}
      />
      {view === 'risks' && <RisksTab project={project} />}
      {view === 'issues' && <IssuesView scope={scope} canEdit={canEdit} />}
      {view === 'decisions' && <DecisionsView scope={scope} canEdit={canEdit} />}
      {view === 'changes' && <ChangeRequestsView scope={scope} project={project} rights={rights} />}
    </Stack>
  );
}
