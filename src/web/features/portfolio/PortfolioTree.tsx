import { NavLink, Paper, ScrollArea, Skeleton, Stack, Text } from '@mantine/core';
import { IconFolder, IconFolders, IconStack2 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/states.tsx';
import { formatNumber } from '../../format.ts';
import { useTree } from './portfolio-api.ts';

function Count({ n }: { n: number }) {
  const { t } = useTranslation();
  return (
    <Text size="xs" c="dimmed" fw={600}>
      <span aria-hidden>{formatNumber(n)}</span>
      <span className="visually-hidden">{t('portfolio.projectCount', { count: n })}</span>
    </Text>
  );
}

/** Portfolios and their programs; choosing one filters the project list. */
export function PortfolioTree({
  portfolioId,
  programId,
  onSelect,
}: {
  portfolioId: string | null;
  programId: string | null;
  onSelect: (portfolioId: string | null, programId: string | null) => void;
}) {
  const { t } = useTranslation();
  const tree = useTree();
  const total = tree.data?.items.reduce((sum, p) => sum + p.projectCount, 0) ?? 0;
  return (
    <Paper withBorder radius="md" p="xs" component="nav" aria-label={t('portfolio.treeLabel')}>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="xs" py={6}>
        {t('portfolio.tree')}
      </Text>
      {tree.isPending ? (
        <Stack gap={6} p="xs" role="status" aria-label={t('common.loading')}>
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} height={26} />
          ))}
        </Stack>
      ) : tree.isError ? (
        <ErrorState error={tree.error} onRetry={() => void tree.refetch()} />
      ) : (
        <ScrollArea.Autosize mah="calc(100vh - 220px)">
          <NavLink
            component="button"
            label={t('portfolio.allPortfolios')}
            leftSection={<IconFolders size={16} aria-hidden />}
            rightSection={<Count n={total} />}
            active={!portfolioId}
            aria-current={!portfolioId ? 'true' : undefined}
            onClick={() => onSelect(null, null)}
          />
          {tree.data.items.length === 0 && (
            <Text size="sm" c="dimmed" p="xs">
              {t('portfolio.treeEmpty')}
            </Text>
          )}
          {tree.data.items.map((p) => (
            <NavLink
              key={p.id}
              component="button"
              label={p.name}
              description={p.code}
              leftSection={<IconFolder size={16} aria-hidden />}
              rightSection={<Count n={p.projectCount} />}
              active={portfolioId === p.id && !programId}
              aria-current={portfolioId === p.id && !programId ? 'true' : undefined}
              opened
              onClick={() => onSelect(p.id, null)}
              childrenOffset={18}
              disableRightSectionRotation
            >
              {p.programs.map((g) => (
                <NavLink
                  key={g.id}
                  component="button"
                  label={g.name}
                  leftSection={<IconStack2 size={14} aria-hidden />}
                  rightSection={<Count n={g.projectCount} />}
                  active={programId === g.id}
                  aria-current={programId === g.id ? 'true' : undefined}
                  onClick={() => onSelect(p.id, g.id)}
                />
              ))}
            </NavLink>
          ))}
        </ScrollArea.Autosize>
      )}
    </Paper>
  );
}
