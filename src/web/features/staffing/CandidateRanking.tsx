import {
  Badge,
  Button,
  Group,
  Progress,
  SegmentedControl,
  Stack,
  Switch,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Candidate, Reason } from '../../../contracts/staffing.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatMoney, formatNumber } from '../../format.ts';
import { PRESETS, type Preset, useCandidates } from './staffing-api.ts';

const BAD: Reason['code'][] = [
  'skill_missing',
  'skill_below',
  'certification_expired',
  'role_other',
  'unavailable',
  'partly_available',
];

/** One reason as a sentence. */
export function reasonText(t: TFunction, r: Reason) {
  return t(`staffing.reasons.${r.code}`, {
    skill: r.skillName ?? '',
    level: r.level,
    min: r.minLevel,
    free: formatNumber(r.freeHours ?? 0),
    need: formatNumber(r.hoursNeeded ?? 0),
    hours: formatNumber(r.hours ?? 0),
    rate: r.rateMinor === undefined ? '' : formatMoney(r.rateMinor),
  });
}

function Meter({ label, value }: { label: string; value: number }) {
  const pct = Math.round(value * 100);
  return (
    <Tooltip label={`${label} : ${pct} %`}>
      <Stack gap={2} w={64}>
        <Text size="xs" c="dimmed">
          {label}
        </Text>
        <Progress
          value={pct}
          size="sm"
          color={pct >= 80 ? 'teal' : pct >= 40 ? 'yellow' : 'red'}
          aria-label={`${label} : ${pct} %`}
        />
      </Stack>
    </Tooltip>
  );
}

/**
 * Candidates for a request, best first, with their score explained; `onPick` chooses one for
 * the allocation form below it.
 */
export function CandidateRanking({
  requestId,
  selected,
  onPick,
}: {
  requestId: string;
  selected: string | null;
  onPick: (c: Candidate) => void;
}) {
  const { t } = useTranslation();
  const [preset, setPreset] = useState<Preset>('balanced');
  const [qualifiedOnly, setQualifiedOnly] = useState(false);
  const list = useCandidates(requestId, preset, qualifiedOnly);
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t('staffing.ranking.title')}
          </Text>
          {list.data && (
            <Text size="xs" c="dimmed">
              {t('staffing.ranking.need', {
                hours: formatNumber(list.data.hoursNeeded),
                days: list.data.workingDays,
                total: list.data.total,
              })}
            </Text>
          )}
        </Stack>
        <Group>
          <SegmentedControl
            size="xs"
            aria-label={t('staffing.ranking.weights')}
            value={preset}
            onChange={(v) => setPreset(v as Preset)}
            data={(Object.keys(PRESETS) as Preset[]).map((p) => ({
              value: p,
              label: t(`staffing.ranking.presets.${p}`),
            }))}
          />
          <Switch
            size="sm"
            label={t('staffing.ranking.qualifiedOnly')}
            checked={qualifiedOnly}
            onChange={(e) => setQualifiedOnly(e.currentTarget.checked)}
          />
        </Group>
      </Group>
      {list.isPending ? (
        <TableSkeleton />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState
          title={t('staffing.ranking.emptyTitle')}
          message={t('staffing.ranking.emptyMessage')}
        />
      ) : (
        <Table.ScrollContainer minWidth={760} mah={380}>
          <Table striped highlightOnHover aria-label={t('staffing.ranking.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th>{t('staffing.ranking.person')}</Table.Th>
                <Table.Th ta="right">{t('staffing.ranking.score')}</Table.Th>
                <Table.Th>{t('staffing.ranking.components')}</Table.Th>
                <Table.Th ta="right">{t('staffing.ranking.free')}</Table.Th>
                <Table.Th ta="right">{t('staffing.ranking.rate')}</Table.Th>
                <Table.Th>{t('staffing.ranking.why')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((c, i) => (
                <Table.Tr
                  key={c.person.id}
                  bg={selected === c.person.id ? 'var(--mantine-color-blue-light)' : undefined}
                >
                  <Table.Td>{i + 1}</Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" fw={500}>
                        {c.person.name}
                      </Text>
                      {c.qualified && (
                        <Badge size="xs" color="teal" variant="light">
                          {t('staffing.ranking.qualified')}
                        </Badge>
                      )}
                      {c.allocated && (
                        <Badge size="xs" color="blue" variant="light">
                          {t('staffing.ranking.allocated')}
                        </Badge>
                      )}
                    </Group>
                    <Text
                      size="xs"
                      c="dimmed"
                      lineClamp={1}
                      title={[c.jobTitle, c.orgUnit?.name].filter(Boolean).join(' · ')}
                    >
                      {[c.jobTitle, c.orgUnit?.name].filter(Boolean).join(' · ')}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text fw={700}>{formatNumber(c.score)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Meter label={t('staffing.ranking.fit')} value={c.fit} />
                      <Meter label={t('staffing.ranking.availability')} value={c.availability} />
                      <Meter label={t('staffing.ranking.cost')} value={c.cost} />
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {t('staffing.hours', { value: formatNumber(c.freeHours) })}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {c.rateMinor === null ? '—' : formatMoney(c.rateMinor, c.currency ?? 'EUR')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={0}>
                      {c.reasons.map((r, k) => (
                        <Text key={k} size="xs" c={BAD.includes(r.code) ? 'red.8' : undefined}>
                          {reasonText(t, r)}
                        </Text>
                      ))}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-xs"
                      variant={selected === c.person.id ? 'filled' : 'light'}
                      onClick={() => onPick(c)}
                      aria-label={t('staffing.ranking.pickLabel', { name: c.person.name })}
                    >
                      {t('staffing.ranking.pick')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
