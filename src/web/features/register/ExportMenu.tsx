import { Button, Menu } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { API_BASE } from '../../api/client.ts';

/** Downloads the register shown (risks, issues, decisions, change requests) as XLSX or CSV. */
export function ExportMenu({
  scope,
  register,
  query = {},
}: {
  scope: { projectId: string } | { programId: string } | { portfolioId: string };
  register: string;
  /** More filters of the view shown (e.g. `escalated: 'true'`). */
  query?: Record<string, string>;
}) {
  const { t, i18n } = useTranslation();
  const params = new URLSearchParams({
    register,
    lang: i18n.language.startsWith('en') ? 'en' : 'fr',
    ...scope,
    ...('portfolioId' in scope ? { level: 'portfolio' } : {}),
    ...query,
  });
  const href = (format: 'csv' | 'xlsx') =>
    `${API_BASE}/registers/export?format=${format}&${params}`;
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />}>
          {t('register.export.button')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component="a" href={href('xlsx')} download>
          {t('register.export.xlsx')}
        </Menu.Item>
        <Menu.Item component="a" href={href('csv')} download>
          {t('register.export.csv')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
