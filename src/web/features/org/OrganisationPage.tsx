import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useCan } from '../auth/auth-api.ts';
import { OrgUnitsPanel } from './OrgUnitsPanel.tsx';
import { PeoplePanel } from './PeoplePanel.tsx';

/** Departments and the people directory. */
export function OrganisationPage() {
  const { t } = useTranslation();
  const { tab } = useParams();
  const navigate = useNavigate();
  const can = useCan();
  const current = tab === 'people' ? 'people' : 'units';
  return (
    <>
      <PageHeader
        title={t('nav.organisation')}
        breadcrumbs={[
          { label: t('nav.organisation'), to: '/organisation' },
          { label: current === 'people' ? t('people.title') : t('orgUnits.title') },
        ]}
      />
      <Tabs
        value={current}
        onChange={(v) => void navigate(v === 'people' ? '/organisation/people' : '/organisation')}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="units">{t('orgUnits.title')}</Tabs.Tab>
          <Tabs.Tab value="people">{t('people.title')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="units">
          <OrgUnitsPanel canManage={can('org.manage')} />
        </Tabs.Panel>
        <Tabs.Panel value="people">
          <PeoplePanel canManage={can('org.manage')} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
