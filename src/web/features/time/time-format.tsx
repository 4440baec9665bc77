import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Timesheet } from '../../../contracts/time.ts';
import { formatNumber } from '../../format.ts';

/** Hours as `7,5 h` (French) or `7.5 h`; nothing for 0. */
export function formatH(hours: number): string {
  return hours === 0 ? '—' : `${formatNumber(Math.round(hours * 100) / 100)} h`;
}

const STATUS_COLOR: Record<Timesheet['status'], string> = {
  draft: 'gray',
  submitted: 'blue',
  approved: 'teal',
  rejected: 'red',
};

export function StatusBadge({ status }: { status: Timesheet['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" data-testid="sheet-status">
      {t(`time.status.${status}`)}
    </Badge>
  );
}
