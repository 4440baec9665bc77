import { Button, Group } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { toQueryString } from '../../api/client.ts';

interface Query {
  from: string;
  unit: 'week' | 'month';
  buckets: number;
  groupBy: 'team' | 'role' | 'orgUnit' | 'person';
  includeSoft: boolean;
  overOnly: boolean;
}

/** Links that download the heat map as shown (every group, not only the first page). */
export function HeatMapExport({ query }: { query: Query }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language.startsWith('en') ? 'en' : 'fr';
  const url = (format: 'csv' | 'xlsx') =>
    `/api/v1/capacity/export${toQueryString({
      ...query,
      includeSoft: String(query.includeSoft),
      overOnly: String(query.overOnly),
      format,
      locale,
    })}`;
  return (
    <Group gap="xs" aria-label={t('capacity.export')}>
      {(['csv', 'xlsx'] as const).map((f) => (
        <Button
          key={f}
          component="a"
          href={url(f)}
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden />}
        >
          {f.toUpperCase()}
        </Button>
      ))}
    </Group>
  );
}
