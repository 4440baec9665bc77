import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useCan } from '../auth/auth-api.ts';
import { AbsencesTab } from './AbsencesTab.tsx';
import { AllocationsTab } from './AllocationsTab.tsx';
import { CapacityTab } from './CapacityTab.tsx';
import { PeopleTab } from './PeopleTab.tsx';
import { RequestsView } from './skills/RequestsView.tsx';
import { SkillsTab } from './skills/SkillsTab.tsx';
import { BenchView } from '../staffing/BenchView.tsx';
import { SkillGapsView } from '../staffing/SkillGapsView.tsx';
import { TrainingTab } from '../staffing/TrainingTab.tsx';
import { PortfolioWhatIfTab } from '../whatif/PortfolioWhatIfTab.tsx';
import { TeamsTab } from '../whatif/TeamsTab.tsx';

const TABS = [
  'capacity',
  'whatif',
  'allocations',
  'absences',
  'people',
  'teams',
  'skills',
  'requests',
  'bench',
  'gaps',
  'training',
] as const;
type Tab = (typeof TABS)[number];

/** Resources: capacity vs demand, allocations, absences, people and rates. */
export function ResourcesPage() {
  const { t } = useTranslation();
  const { tab } = useParams();
  const navigate = useNavigate();
  const can = useCan();
  const canRead = can('resource.read');
  const canManage = can('resource.manage');
  const visible: Tab[] = canRead ? [...TABS] : ['absences', 'skills', 'training'];
  const current: Tab = visible.includes(tab as Tab) ? (tab as Tab) : visible[0]!;
  return (
    <>
      <PageHeader
        title={t('resources.title')}
        breadcrumbs={[
          { label: t('resources.title'), to: '/resources' },
          { label: t(`resources.tabs.${current}`) },
        ]}
      />
      <Tabs
        value={current}
        onChange={(v) => void navigate(`/resources/${v ?? ''}`)}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          {visible.map((v) => (
            <Tabs.Tab key={v} value={v}>
              {t(`resources.tabs.${v}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {canRead && (
          <Tabs.Panel value="capacity">
            <CapacityTab canManage={canManage} />
          </Tabs.Panel>
        )}
        {canRead && (
          <Tabs.Panel value="whatif">
            <PortfolioWhatIfTab canApply={can('project.update')} />
          </Tabs.Panel>
        )}
        {canRead && (
          <Tabs.Panel value="allocations">
            <AllocationsTab canManage={canManage} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="absences">
          <AbsencesTab canReadAll={canRead} />
        </Tabs.Panel>
        {canRead && (
          <Tabs.Panel value="people">
            <PeopleTab canManage={canManage} />
          </Tabs.Panel>
        )}
        {canRead && (
          <Tabs.Panel value="teams">
            <TeamsTab canManage={canManage} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="skills">
          <SkillsTab canRead={canRead} canManage={canManage} />
        </Tabs.Panel>
        {canRead && (
          <Tabs.Panel value="requests">
            <RequestsView canManage={canManage} />
          </Tabs.Panel>
        )}
        {canRead && (
          <Tabs.Panel value="bench">
            <BenchView />
          </Tabs.Panel>
        )}
        {canRead && (
          <Tabs.Panel value="gaps">
            <SkillGapsView />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="training">
          <TrainingTab canManage={canManage} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
