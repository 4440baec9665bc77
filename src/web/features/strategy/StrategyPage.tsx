import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useCan } from '../auth/auth-api.ts';
import { ObjectivesPanel } from './ObjectivesPanel.tsx';
import { StrategyMapPanel } from './StrategyMapPanel.tsx';

const TABS = ['map', 'objectives'] as const;
type Tab = (typeof TABS)[number];

/** « Stratégie »: the strategy map (strategy.read) and the objectives tree (everyone). */
export function StrategyPage() {
  const { t } = useTranslation();
  const { tab } = useParams();
  const navigate = useNavigate();
  const can = useCan();
  const seesMap = can('strategy.read');
  const tabs = TABS.filter((x) => x !== 'map' || seesMap);
  const current: Tab = tabs.includes(tab as Tab) ? (tab as Tab) : tabs[0]!;
  return (
    <>
      <PageHeader
        title={t('strategy.page.title')}
        breadcrumbs={[{ label: t('strategy.nav') }, { label: t(`strategy.page.tabs.${current}`) }]}
      />
      <Tabs value={current} onChange={(v) => void navigate(`/strategy/${v}`)} keepMounted={false}>
        <Tabs.List mb="md">
          {tabs.map((x) => (
            <Tabs.Tab key={x} value={x}>
              {t(`strategy.page.tabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {seesMap && (
          <Tabs.Panel value="map">
            <StrategyMapPanel />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="objectives">
          <ObjectivesPanel canManage={can('strategy.manage')} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
