import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useCan } from '../auth/auth-api.ts';
import { ScenariosPanel } from '../scenarios/ScenariosPanel.tsx';
import { ScoringPanel } from '../scenarios/ScoringPanel.tsx';
import { ObjectivesPanel } from './ObjectivesPanel.tsx';
import { StrategyMapPanel } from './StrategyMapPanel.tsx';

const TABS = ['map', 'objectives', 'scoring', 'scenarios'] as const;
type Tab = (typeof TABS)[number];
const tabLabel = (x: Tab) =>
  x === 'scoring' || x === 'scenarios' ? `scenarios.tabs.${x}` : `strategy.page.tabs.${x}`;

/** « Stratégie »: the strategy map (strategy.read) and the objectives tree (everyone). */
export function StrategyPage() {
  const { t } = useTranslation();
  const { tab } = useParams();
  const navigate = useNavigate();
  const can = useCan();
  const seesMap = can('strategy.read');
  const tabs = TABS.filter((x) => x === 'objectives' || seesMap);
  const current: Tab = tabs.includes(tab as Tab) ? (tab as Tab) : tabs[0]!;
  return (
    <>
      <PageHeader
        title={t('strategy.page.title')}
        breadcrumbs={[{ label: t('strategy.nav') }, { label: t(tabLabel(current)) }]}
      />
      <Tabs value={current} onChange={(v) => void navigate(`/strategy/${v}`)} keepMounted={false}>
        <Tabs.List mb="md">
          {tabs.map((x) => (
            <Tabs.Tab key={x} value={x}>
              {t(tabLabel(x))}
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
        {seesMap && (
          <Tabs.Panel value="scoring">
            <ScoringPanel
              canManage={can('strategy.manage')}
              canEvaluate={can('strategy.evaluate')}
            />
          </Tabs.Panel>
        )}
        {seesMap && (
          <Tabs.Panel value="scenarios">
            <ScenariosPanel canManage={can('strategy.manage')} />
          </Tabs.Panel>
        )}
      </Tabs>
    </>
  );
}
