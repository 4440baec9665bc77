import { Badge, Progress, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type {
  ActionStatus,
  AuditStatus,
  FindingSeverity,
  QualityAudit,
} from '../../../contracts/governance.ts';

const SEVERITY_COLORS: Record<FindingSeverity, string> = {
  minor: 'yellow',
  major: 'orange',
  critical: 'red',
};

export function SeverityBadge({ severity }: { severity: FindingSeverity }) {
  const { t } = useTranslation();
  return (
    <Badge color={SEVERITY_COLORS[severity]} variant={severity === 'critical' ? 'filled' : 'light'}>
      {t(`governance.quality.severity.${severity}`)}
    </Badge>
  );
}

const AUDIT_COLORS: Record<AuditStatus, string> = {
  planned: 'gray',
  in_progress: 'blue',
  follow_up: 'orange',
  closed: 'teal',
};

export function AuditStatusBadge({ status }: { status: AuditStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={AUDIT_COLORS[status]} variant="light">
      {t(`governance.quality.auditStatus.${status}`)}
    </Badge>
  );
}

const ACTION_COLORS: Record<ActionStatus, string> = {
  todo: 'gray',
  in_progress: 'blue',
  done: 'teal',
};

export function ActionStatusBadge({ status }: { status: ActionStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={ACTION_COLORS[status]} variant="light" size="sm">
      {t(`governance.quality.actionStatus.${status}`)}
    </Badge>
  );
}

/** The assessment as one bar: conform, non conform, n.a., not assessed (the items table is its table view). */
export function ScoreBar({ score }: { score: QualityAudit['score'] }) {
  const { t } = useTranslation();
  const pct = (n: number) => (score.total === 0 ? 0 : (n * 100) / score.total);
  const pending = score.total - score.assessed;
  const parts = [
    { n: score.conform, color: 'teal', key: 'conform' },
    { n: score.nonConform, color: 'red', key: 'non_conform' },
    { n: score.na, color: 'gray.4', key: 'na' },
  ] as const;
  return (
    <div>
      <Progress.Root size="lg" aria-hidden>
        {parts.map((p) =>
          p.n === 0 ? null : (
            <Tooltip key={p.key} label={`${t(`governance.quality.result.${p.key}`)} : ${p.n}`}>
              <Progress.Section value={pct(p.n)} color={p.color} />
            </Tooltip>
          ),
        )}
      </Progress.Root>
      <Text size="xs" c="dimmed" mt={4}>
        {t('governance.quality.scoreLine', {
          conform: score.conform,
          nonConform: score.nonConform,
          na: score.na,
          pending,
        })}
        {score.rate !== null && ` — ${t('governance.quality.rate', { rate: score.rate })}`}
      </Text>
    </div>
  );
}
