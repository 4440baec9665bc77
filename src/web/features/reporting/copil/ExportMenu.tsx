import { Button, Menu } from '@mantine/core';
import { IconFileSpreadsheet, IconTableExport } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../../i18n.ts';

/**
 * "Exporter": the list as Excel (XLSX) or CSV, made by the server with the same visibility as
 * the page (French conventions and formula guard through the shared tabular writers).
 */
export function ExportMenu({
  path,
  query = {},
}: {
  path: string;
  query?: Record<string, string | null>;
}) {
  const { t } = useTranslation();
  const href = (format: 'xlsx' | 'csv') => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v) q.set(k, v);
    q.set('format', format);
    q.set('language', currentLocale() === 'en' ? 'en' : 'fr');
    return `/api/v1${path}?${q.toString()}`;
  };
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" leftSection={<IconTableExport size={16} />}>
          {t('copil.export.button')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          component="a"
          href={href('xlsx')}
          download
          leftSection={<IconFileSpreadsheet size={16} />}
        >
          {t('copil.export.xlsx')}
        </Menu.Item>
        <Menu.Item
          component="a"
          href={href('csv')}
          download
          leftSection={<IconTableExport size={16} />}
        >
          {t('copil.export.csv')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
