import {
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconPencil, IconPlus } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type {
  Evaluation,
  RankedCandidate,
  Ranking,
  ScoringModel,
} from '../../../contracts/scenarios.ts';
import { currentLocale } from '../../i18n.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { useCurrentUser } from '../auth/auth-api.ts';
import { EvaluationModal } from './EvaluationModal.tsx';
import { ScoringModelModal } from './ScoringModelModal.tsx';
import { useEvaluations, useRanking, useScoringModels } from './scenarios-api.ts';

/** One colour per criterion (Mantine 7–8 shades: ≥ 3:1 against white). */
export const CRITERION_COLORS = [
  '#3b5bdb',
  '#0c8599',
  '#e8590c',
  '#7048e8',
  '#2f9e44',
  '#c2255c',
  '#5c940d',
  '#1971c2',
  '#862e9c',
  '#e67700',
];

const fmt = (x: number, digits = 1) =>
  new Intl.NumberFormat(currentLocale() === 'fr' ? 'fr-FR' : 'en-GB', {
    maximumFractionDigits: digits,
  }).format(x);

/** The score as a bar of criterion segments (what each criterion brings), on 0–100. */
function ScoreBar({ item, model }: { item: RankedCandidate; model: ScoringModel }) {
  const { t } = useTranslation();
  const width = 160;
  let x = 0;
  return (
    <svg
      width={width}
      height={14}
      role="img"
      aria-label={t('scenarios.scoring.barLabel', { total: fmt(item.total) })}
    >
      <rect width={width} height={14} fill="#f1f3f5" rx={2} />
      {item.criteria.map((c, i) => {
        const w = (c.points / 100) * width;
        const seg = (
          <rect key={c.key} x={x} width={w} height={14} fill={CRITERION_COLORS[i % 10]}>
            <title>
              {`${model.criteria[i]?.label ?? c.key} : ${fmt(c.points)} / ${fmt(c.maxPoints)}`}
            </title>
          </rect>
        );
        x += w;
        return seg;
      })}
    </svg>
  );
}

function Explanation({ item, ranking }: { item: RankedCandidate; ranking: Ranking }) {
  const { t } = useTranslation();
  const names = new Map(ranking.evaluators.map((e) => [e.id, e.name]));
  const evaluatorIds = item.evaluators.map((e) => e.evaluatorId);
  if (evaluatorIds.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('scenarios.scoring.noSheets')}
      </Text>
    );
  return (
    <Table withTableBorder fz="sm" striped>
      <Table.Caption>
        {t('scenarios.scoring.explainCaption', { reference: item.candidate.reference })}
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('scenarios.scoring.criterion')}</Table.Th>
          <Table.Th ta="right">{t('scenarios.scoring.mean')}</Table.Th>
          <Table.Th ta="right">{t('scenarios.scoring.points')}</Table.Th>
          <Table.Th ta="right">{t('scenarios.scoring.spread')}</Table.Th>
          {evaluatorIds.map((id) => (
            <Table.Th key={id} ta="right">
              {names.get(id) ?? id}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {item.criteria.map((c, i) => {
          const crit = ranking.model.criteria.find((x) => x.key === c.key);
          const byEvaluator = new Map(c.evaluations.map((e) => [e.evaluatorId, e.value]));
          return (
            <Table.Tr key={c.key}>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <svg width="10" height="10" aria-hidden>
                    <rect width="10" height="10" fill={CRITERION_COLORS[i % 10]} />
                  </svg>
                  {crit?.label ?? c.key}
                  {crit?.direction === 'lower_better' && (
                    <Text span size="xs" c="dimmed">
                      {t('scenarios.scoring.lowerBetterShort')}
                    </Text>
                  )}
                  {crit?.source === 'alignment' && (
                    <Text span size="xs" c="dimmed">
                      {t('portfolioSelection.alignment.fromMap')}
                    </Text>
                  )}
                </Group>
              </Table.Td>
              <Table.Td ta="right">{c.mean === null ? '—' : fmt(c.mean, 2)}</Table.Td>
              <Table.Td ta="right">
                {fmt(c.points)} / {fmt(c.maxPoints)}
              </Table.Td>
              <Table.Td ta="right">
                {c.evaluations.length > 1 ? (
                  <Text
                    span
                    size="sm"
                    c={c.relativeSpread >= 0.5 ? 'orange.9' : undefined}
                    fw={c.relativeSpread >= 0.5 ? 700 : undefined}
                  >
                    {fmt(c.spread, 2)}
                  </Text>
                ) : (
                  '—'
                )}
              </Table.Td>
              {evaluatorIds.map((id) => {
                const v = byEvaluator.get(id);
                const level = crit?.levels.find((l) => l.value === v);
                return (
                  <Table.Td key={id} ta="right">
                    {v === undefined ? (
                      '—'
                    ) : level?.description ? (
                      <Tooltip label={level.description}>
                        <span tabIndex={0}>{v}</span>
                      </Tooltip>
                    ) : (
                      v
                    )}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          );
        })}
      </Table.Tbody>
      <Table.Tfoot>
        <Table.Tr>
          <Table.Th>{t('scenarios.scoring.total')}</Table.Th>
          <Table.Th />
          <Table.Th ta="right">{fmt(item.total)} / 100</Table.Th>
          <Table.Th />
          {item.evaluators.map((e) => (
            <Table.Th key={e.evaluatorId} ta="right">
              {fmt(e.total)}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Tfoot>
    </Table>
  );
}

/**
 * « Notation »: pick a scoring model, see the candidates ranked with each score explained
 * (per criterion, per evaluator, where evaluators disagree), score a candidate yourself; the PMO
 * edits the models.
 */
export function ScoringPanel({
  canManage,
  canEvaluate,
}: {
  canManage: boolean;
  canEvaluate: boolean;
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const models = useScoringModels();
  const [picked, setPicked] = useState<string | null>(null);
  const [editing, setEditing] = useState<ScoringModel | 'new' | null>(null);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const [scoring, setScoring] = useState<RankedCandidate['candidate'] | null>(null);
  const modelId = picked ?? models.data?.items[0]?.id ?? null;
  const ranking = useRanking(modelId);
  const sheets = useEvaluations(canEvaluate ? modelId : null);

  if (models.isPending) return <TableSkeleton />;
  if (models.isError)
    return <ErrorState error={models.error} onRetry={() => void models.refetch()} />;
  const model = models.data.items.find((m) => m.id === modelId) ?? null;
  const mySheet = (candidateId: string): Evaluation | null =>
    sheets.data?.items.find(
      (s) => (s.requestId ?? s.projectId) === candidateId && s.evaluator.id === me.id,
    ) ?? null;
  const modal =
    editing !== null ? (
      <ScoringModelModal
        model={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={(m) => setPicked(m.id)}
      />
    ) : null;

  if (!model)
    return (
      <>
        <EmptyState
          title={t('scenarios.scoring.emptyTitle')}
          message={t(canManage ? 'scenarios.scoring.emptyManage' : 'scenarios.scoring.emptyRead')}
          action={
            canManage ? (
              <Button
                leftSection={<IconPlus size={16} aria-hidden />}
                onClick={() => setEditing('new')}
              >
                {t('scenarios.scoring.newModel')}
              </Button>
            ) : undefined
          }
        />
        {modal}
      </>
    );

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Select
          label={t('scenarios.scoring.model')}
          allowDeselect={false}
          w={360}
          data={models.data.items.map((m) => ({ value: m.id, label: m.name }))}
          value={model.id}
          onChange={(v) => setPicked(v)}
        />
        {canManage && (
          <Group>
            <Button
              variant="default"
              leftSection={<IconPencil size={16} aria-hidden />}
              onClick={() => setEditing(model)}
            >
              {t('scenarios.scoring.editModel')}
            </Button>
            <Button
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => setEditing('new')}
            >
              {t('scenarios.scoring.newModel')}
            </Button>
          </Group>
        )}
      </Group>
      {model.description && (
        <Text size="sm" c="dimmed">
          {model.description}
        </Text>
      )}
      <Group gap="xs" aria-label={t('scenarios.scoring.criteriaLegend')} role="list">
        {model.criteria.map((c, i) => {
          const total = model.criteria.reduce((s, x) => s + x.weight, 0);
          return (
            <Badge
              key={c.key}
              role="listitem"
              variant="light"
              color="gray"
              leftSection={
                <svg width="10" height="10" aria-hidden>
                  <rect width="10" height="10" fill={CRITERION_COLORS[i % 10]} />
                </svg>
              }
            >
              {c.label} · {fmt((c.weight / total) * 100, 0)} %
            </Badge>
          );
        })}
      </Group>
      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h4" mb="xs">
          {t('scenarios.scoring.rankingTitle')}
        </Title>
        {ranking.isPending ? (
          <TableSkeleton />
        ) : ranking.isError ? (
          <ErrorState error={ranking.error} onRetry={() => void ranking.refetch()} />
        ) : ranking.data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('scenarios.scoring.noCandidates')}
          </Text>
        ) : (
          <Table highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40}>
                  <VisuallyHidden>{t('scenarios.scoring.details')}</VisuallyHidden>
                </Table.Th>
                <Table.Th>{t('scenarios.scoring.rank')}</Table.Th>
                <Table.Th>{t('scenarios.scoring.candidate')}</Table.Th>
                <Table.Th>{t('scenarios.scoring.score')}</Table.Th>
                <Table.Th ta="right">{t('scenarios.scoring.completeness')}</Table.Th>
                <Table.Th>{t('scenarios.scoring.agreement')}</Table.Th>
                <Table.Th ta="right">{t('scenarios.scoring.evaluators')}</Table.Th>
                {canEvaluate && (
                  <Table.Th>
                    <VisuallyHidden>{t('scenarios.scoring.actions')}</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {ranking.data.items.map((item) => {
                const id = item.candidate.id;
                const expanded = open.has(id);
                const mine = mySheet(id);
                return (
                  <Fragment key={id}>
                    <Table.Tr>
                      <Table.Td>
                        <Button
                          variant="subtle"
                          size="compact-sm"
                          px={4}
                          aria-expanded={expanded}
                          aria-label={t('scenarios.scoring.explain', {
                            reference: item.candidate.reference,
                          })}
                          onClick={() =>
                            setOpen((s) => {
                              const n = new Set(s);
                              if (n.has(id)) n.delete(id);
                              else n.add(id);
                              return n;
                            })
                          }
                        >
                          {expanded ? (
                            <IconChevronDown size={16} aria-hidden />
                          ) : (
                            <IconChevronRight size={16} aria-hidden />
                          )}
                        </Button>
                      </Table.Td>
                      <Table.Td fw={700}>{item.rank ?? '—'}</Table.Td>
                      <Table.Td>
                        <Text
                          size="sm"
                          component={Link}
                          to={
                            item.candidate.kind === 'project'
                              ? `/projects/${id}`
                              : `/strategy/intake/${id}`
                          }
                          c="blue.8"
                        >
                          {item.candidate.reference}
                        </Text>{' '}
                        <Text span size="sm">
                          {item.candidate.title}
                        </Text>{' '}
                        {item.candidate.kind === 'project' && (
                          <Badge size="xs" variant="light" color="grape">
                            {t('portfolioSelection.scoring.runningProject')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {item.scored ? (
                          <Group gap="xs" wrap="nowrap">
                            <ScoreBar item={item} model={model} />
                            <Text size="sm" fw={700}>
                              {fmt(item.total)}
                            </Text>
                          </Group>
                        ) : (
                          <Badge variant="outline" color="gray">
                            {t('portfolioSelection.scoring.notScored')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td ta="right">{fmt(item.completeness * 100, 0)} %</Table.Td>
                      <Table.Td>
                        {item.evaluators.length < 2 ? (
                          <Text size="sm" c="dimmed">
                            —
                          </Text>
                        ) : item.maxRelativeSpread >= 0.5 ? (
                          <Badge color="orange" variant="light">
                            {t('scenarios.scoring.disagree')}
                          </Badge>
                        ) : item.maxRelativeSpread > 0 ? (
                          <Badge color="yellow" variant="light">
                            {t('scenarios.scoring.nuanced')}
                          </Badge>
                        ) : (
                          <Badge color="green" variant="light">
                            {t('scenarios.scoring.agree')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td ta="right">{item.evaluators.length}</Table.Td>
                      {canEvaluate && (
                        <Table.Td>
                          <Button
                            size="compact-sm"
                            variant={mine ? 'default' : 'light'}
                            onClick={() => setScoring(item.candidate)}
                          >
                            {mine
                              ? t('scenarios.scoring.changeMine')
                              : t('scenarios.scoring.evaluate')}
                          </Button>
                        </Table.Td>
                      )}
                    </Table.Tr>
                    {expanded && (
                      <Table.Tr>
                        <Table.Td colSpan={canEvaluate ? 8 : 7}>
                          <Explanation item={item} ranking={ranking.data} />
                        </Table.Td>
                      </Table.Tr>
                    )}
                  </Fragment>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      {scoring && (
        <EvaluationModal
          model={model}
          candidate={scoring}
          sheet={mySheet(scoring.id)}
          onClose={() => setScoring(null)}
        />
      )}
      {modal}
    </Stack>
  );
}
