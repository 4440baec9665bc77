import { Group, SegmentedControl, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportMenu } from '../register/ExportMenu.tsx';
import { IssuesView } from './IssuesView.tsx';

/**
 * The issues of a programme's RAID: those escalated to the programme (by default), or every
 * issue of its projects; of a portfolio: the issues escalated to it.
 */
export function EscalatedIssuesView({
  container,
}: {
  container: { programId: string } | { portfolioId: string };
}) {
  const { t } = useTranslation();
  const [which, setWhich] = useState<'escalated' | 'all'>('escalated');
  if ('portfolioId' in container) {
    return (
      <Stack gap="sm">
        <Group justify="flex-end">
          <ExportMenu scope={container} register="issues" query={{ escalated: 'true' }} />
        </Group>
        <IssuesView
          scope={{ portfolioId: container.portfolioId, escalated: 'true' }}
          canEdit={false}
          empty={{
            title: t('raid.escalation.emptyTitle'),
            message: t('raid.escalation.emptyPortfolio'),
          }}
        />
      </Stack>
    );
  }
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <SegmentedControl
          w="fit-content"
          size="xs"
          value={which}
          onChange={(v) => setWhich(v as 'escalated' | 'all')}
          aria-label={t('raid.escalation.filter')}
          data={[
            { value: 'escalated', label: t('raid.escalation.escalatedOnly') },
            { value: 'all', label: t('raid.escalation.allIssues') },
          ]}
        />
        <ExportMenu
          scope={container}
          register="issues"
          query={{ escalated: which === 'escalated' ? 'true' : 'false' }}
        />
      </Group>
      {which === 'escalated' ? (
        <IssuesView
          scope={{ programId: container.programId, escalated: 'true' }}
          canEdit={false}
          empty={{
            title: t('raid.escalation.emptyTitle'),
            message: t('raid.escalation.emptyProgram'),
          }}
        />
      ) : (
        <IssuesView scope={{ programId: container.programId }} canEdit={false} />
      )}
    </Stack>
  );
}
