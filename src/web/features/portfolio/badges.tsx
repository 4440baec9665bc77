import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Priority, ProjectStatus } from '../../../contracts/portfolio.ts';

const STATUS_COLOR: Record<ProjectStatus, string> = {
  proposed: 'grape',
  active: 'teal',
  on_hold: 'orange',
  closed: 'gray',
  cancelled: 'red',
};

const PRIORITY_COLOR: Record<Priority, string> = {
  low: 'gray',
  medium: 'blue',
  high: 'orange',
  critical: 'red',
};

export function StatusBadge({ status }: { status: ProjectStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" radius="sm">
      {t(`project.status.${status}`)}
    </Badge>
  );
}

export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  return (
    <Badge color={PRIORITY_COLOR[priority]} variant="outline" radius="sm">
      {t(`project.priority.${priority}`)}
    </Badge>
  );
}
