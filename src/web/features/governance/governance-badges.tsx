import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type {
  GateCondition,
  GateDecisionKind,
  LifecycleStatus,
} from '../../../contracts/governance.ts';

const DECISION_COLORS: Record<GateDecisionKind, string> = {
  go: 'teal',
  go_with_conditions: 'yellow',
  recycle: 'orange',
  hold: 'gray',
  stop: 'red',
};

export function DecisionBadge({ decision }: { decision: GateDecisionKind }) {
  const { t } = useTranslation();
  return (
    <Badge color={DECISION_COLORS[decision]} variant={decision === 'go' ? 'filled' : 'light'}>
      {t(`governance.decision.${decision}`)}
    </Badge>
  );
}

const LIFECYCLE_COLORS: Record<LifecycleStatus, string> = {
  active: 'blue',
  on_hold: 'gray',
  stopped: 'red',
  completed: 'teal',
};

export function LifecycleBadge({ status }: { status: LifecycleStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={LIFECYCLE_COLORS[status]} variant="light">
      {t(`governance.lifecycleStatus.${status}`)}
    </Badge>
  );
}

/** The compliance score: green from 90 %, orange from 60 %, red below; a dash when nothing is due. */
export function ScoreBadge({ score, size }: { score: number | null; size?: BadgeProps['size'] }) {
  const { t } = useTranslation();
  if (score === null)
    return (
      <Badge color="gray" variant="outline" size={size} title={t('governance.scoreNone')}>
        —
      </Badge>
    );
  const color = score >= 90 ? 'teal' : score >= 60 ? 'orange' : 'red';
  return (
    <Badge color={color} variant="light" size={size}>
      {score} %
    </Badge>
  );
}

/** Today in the browser, `YYYY-MM-DD`. */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function isOverdue(c: Pick<GateCondition, 'status' | 'dueDate'>): boolean {
  return c.status === 'open' && c.dueDate < todayIso();
}
