import { Button, Group } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { toQueryString } from '../../api/client.ts';

type QueryValue = string | number | boolean | null | undefined;

/**
 * Links that download a view as CSV (French conventions) or XLSX, with the screen's filters,
 * every row (not only the first page); the headers follow the interface language.
 */
export function ExportButtons({
  path,
  query,
  label,
  disabled = false,
}: {
  path: string;
  query: Record<string, QueryValue>;
  label: string;
  disabled?: boolean;
}) {
  const { i18n } = useTranslation();
  const locale = i18n.language.startsWith('en') ? 'en' : 'fr';
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) {
    if (v !== null && v !== undefined && v !== '') clean[k] = String(v);
  }
  return (
    <Group gap="xs" role="group" aria-label={label}>
      {(['csv', 'xlsx'] as const).map((format) => (
        <Button
          key={format}
          component="a"
          href={
            disabled ? undefined : `/api/v1${path}${toQueryString({ ...clean, format, locale })}`
          }
          download
          size="xs"
          variant="default"
          data-disabled={disabled || undefined}
          aria-disabled={disabled || undefined}
          leftSection={<IconDownload size={14} aria-hidden />}
        >
          {format.toUpperCase()}
        </Button>
      ))}
    </Group>
  );
}
