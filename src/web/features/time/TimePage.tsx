import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/states.tsx';
import { useCan, useCurrentUser } from '../auth/auth-api.ts';
import { ApprovalsPanel } from './ApprovalsPanel.tsx';
import { ConsolidationPanel } from './ConsolidationPanel.tsx';
import { MyWeekPanel } from './MyWeekPanel.tsx';
import { TimeSettingsPanel } from './TimeSettingsPanel.tsx';
import './time.css';

const TABS = ['week', 'approvals', 'consolidation', 'settings'] as const;
type Tab = (typeof TABS)[number];

/** Timesheets (CRA): my week, the weeks to approve, the monthly consolidation, the settings. */
export function TimePage() {
  const { t } = useTranslation();
  const { tab } = useParams();
  const navigate = useNavigate();
  const can = useCan();
  const me = useCurrentUser();
  const visible: Record<Tab, boolean> = {
    week: true,
    approvals: me.personId !== null || can('time.approve'),
    consolidation: can('time.report'),
    settings: can('time.manage') || can('time.lock'),
  };
  const current: Tab = TABS.includes(tab as Tab) && visible[tab as Tab] ? (tab as Tab) : 'week';
  return (
    <>
      <PageHeader
        title={t('time.title')}
        breadcrumbs={[
          { label: t('time.title'), to: '/time' },
          { label: t(`time.tabs.${current}`) },
        ]}
      />
      <Tabs
        value={current}
        onChange={(v) => void navigate(v === 'week' ? '/time' : `/time/${v}`)}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          {TABS.filter((x) => visible[x]).map((x) => (
            <Tabs.Tab key={x} value={x}>
              {t(`time.tabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="week">
          {me.personId ? (
            <MyWeekPanel />
          ) : (
            <EmptyState title={t('time.noPerson.title')} message={t('time.noPerson.message')} />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="approvals">
          <ApprovalsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="consolidation">
          <ConsolidationPanel canLock={can('time.lock')} />
        </Tabs.Panel>
        <Tabs.Panel value="settings">
          <TimeSettingsPanel canManage={can('time.manage')} canLock={can('time.lock')} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
