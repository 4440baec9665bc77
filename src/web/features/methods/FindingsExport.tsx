import { Button, Group } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { toQueryString } from '../../api/client.ts';
import type { FindingFilters } from '../governance/quality-api.ts';

/** CSV and XLSX downloads of the quality findings, with the filters shown. */
export function FindingsExport({ filters }: { filters: FindingFilters }) {
  const { t, i18n } = useTranslation();
  const url = (format: 'csv' | 'xlsx') =>
    `/api/v1/quality/findings/export${toQueryString({
      portfolioId: filters.portfolioId,
      status: filters.status,
      severity: filters.severity,
      overdue: filters.overdue,
      format,
      locale: i18n.language.startsWith('en') ? 'en' : 'fr',
    })}`;
  return (
    <Group gap="xs" ml="auto">
      {(['csv', 'xlsx'] as const).map((f) => (
        <Button
          key={f}
          component="a"
          href={url(f)}
          download
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden />}
        >
          {t(`methods.export.${f}`)}
        </Button>
      ))}
    </Group>
  );
}
