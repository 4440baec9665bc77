import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { IconAlertTriangle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { z } from 'zod';
import type { RiskCategory, RiskSettingsView } from '../../../contracts/risks.ts';
import { levelMap, matrixMix, matrixNotMonotone } from '../../../core/register/rerate.ts';
import {
  CRITICALITIES,
  settingsProblem,
  type Criticality,
  type RiskSettings,
} from '../../../core/risks/register.ts';
import { isApiError } from '../../api/client.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { errorMessage } from '../../components/errors.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { useCan } from '../auth/auth-api.ts';
import { CRITICALITY_COLOR } from '../risks/HeatMap.tsx';
import { useRiskSettings } from '../risks/risks-api.ts';
import {
  useDeleteCategory,
  useRiskCategories,
  useSaveCategory,
  useSaveRiskSettings,
} from './register-api.ts';

type Settings = z.infer<typeof RiskSettingsView>;

/** The PMO's risk register configuration: scales and matrix, and the risk breakdown structure. */
export function RiskSettingsPage() {
  const { t } = useTranslation();
  const { tab } = useParams();
  const navigate = useNavigate();
  const settings = useRiskSettings();
  const can = useCan();
  const editable = can('risk.configure');
  return (
    <Stack gap="md">
      <PageHeader
        title={t('register.settings.title')}
        breadcrumbs={[
          { label: t('risks.page.title'), to: '/risks' },
          { label: t('register.settings.title') },
        ]}
      />
      <Tabs
        value={tab === 'categories' ? 'categories' : 'scales'}
        onChange={(v) => void navigate(`/risks/settings/${v ?? 'scales'}`)}
      >
        <Tabs.List>
          <Tabs.Tab value="scales">{t('register.settings.scalesTab')}</Tabs.Tab>
          <Tabs.Tab value="categories">{t('register.settings.categoriesTab')}</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {tab === 'categories' ? (
        <CategoriesEditor editable={editable} />
      ) : settings.error ? (
        <ErrorState error={settings.error} />
      ) : !settings.data ? (
        <TableSkeleton rows={8} />
      ) : (
        <ScalesEditor key={settings.data.version} saved={settings.data} editable={editable} />
      )}
    </Stack>
  );
}

const NEXT: Record<Criticality, Criticality> = {
  low: 'moderate',
  moderate: 'high',
  high: 'critical',
  critical: 'low',
};

function resizeMatrix(m: Criticality[][], rows: number, cols: number): Criticality[][] {
  return Array.from({ length: rows }, (_, p) =>
    Array.from(
      { length: cols },
      (_, i) => m[Math.min(p, m.length - 1)]?.[Math.min(i, (m[0]?.length ?? 1) - 1)] ?? 'low',
    ),
  );
}

/** Scales (labels, meanings, percentages) and the matrix, saved together with If-Match. */
function ScalesEditor({ saved, editable }: { saved: Settings; editable: boolean }) {
  const { t } = useTranslation();
  const save = useSaveRiskSettings();
  const client = useQueryClient();
  const [v, setV] = useState<RiskSettings>({
    probability: saved.probability,
    impact: saved.impact,
    matrix: saved.matrix,
  });
  const [conflict, setConflict] = useState<Settings | null>(null);
  const problem = settingsProblem(v);
  const notMonotone = matrixNotMonotone(v);
  const resized =
    v.probability.length !== saved.probability.length || v.impact.length !== saved.impact.length;
  const dirty = JSON.stringify(v) !== JSON.stringify({ ...saved, version: undefined });
  const mix = matrixMix(v);

  const setLevels = (axis: 'probability' | 'impact', levels: RiskSettings[typeof axis]) =>
    setV((old) => {
      const next = { ...old, [axis]: levels } as RiskSettings;
      return {
        ...next,
        matrix: resizeMatrix(old.matrix, next.probability.length, next.impact.length),
      };
    });

  const levelEditor = (axis: 'probability' | 'impact') => {
    const levels = v[axis];
    const edit = (k: number, patch: Partial<(typeof levels)[number]>) =>
      setLevels(axis, levels.map((l, j) => (j === k ? { ...l, ...patch } : l)) as typeof levels);
    return (
      <Paper withBorder radius="md" p="md">
        <Stack gap="xs">
          <Group justify="space-between">
            <Title order={2} size="h5">
              {t(`register.settings.${axis}`)}
            </Title>
            {editable && (
              <Group gap="xs">
                <Button
                  size="xs"
                  variant="default"
                  disabled={levels.length <= 2}
                  onClick={() => setLevels(axis, levels.slice(0, -1) as typeof levels)}
                >
                  {t('register.settings.removeLevel')}
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  leftSection={<IconPlus size={14} aria-hidden />}
                  disabled={levels.length >= 10}
                  onClick={() =>
                    setLevels(axis, [
                      ...levels,
                      axis === 'probability'
                        ? {
                            label: t('register.settings.newLevel', { n: levels.length + 1 }),
                            description: '',
                            percent: Math.min(
                              99,
                              ((levels.at(-1) as { percent?: number }).percent ?? 90) + 1,
                            ),
                          }
                        : {
                            label: t('register.settings.newLevel', { n: levels.length + 1 }),
                            description: '',
                          },
                    ] as typeof levels)
                  }
                >
                  {t('register.settings.addLevel')}
                </Button>
              </Group>
            )}
          </Group>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={60}>{t('register.settings.level')}</Table.Th>
                <Table.Th>{t('register.settings.label')}</Table.Th>
                <Table.Th>{t('register.settings.meaning')}</Table.Th>
                {axis === 'probability' && (
                  <Table.Th w={110}>{t('register.settings.percent')}</Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {levels.map((l, k) => (
                <Table.Tr key={k}>
                  <Table.Td>{k + 1}</Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={t('register.settings.labelOf', { n: k + 1 })}
                      value={l.label}
                      readOnly={!editable}
                      onChange={(e) => edit(k, { label: e.currentTarget.value })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Textarea
                      aria-label={t('register.settings.meaningOf', { n: k + 1 })}
                      autosize
                      minRows={1}
                      value={l.description}
                      readOnly={!editable}
                      onChange={(e) => edit(k, { description: e.currentTarget.value })}
                    />
                  </Table.Td>
                  {axis === 'probability' && (
                    <Table.Td>
                      <NumberInput
                        aria-label={t('register.settings.percentOf', { n: k + 1 })}
                        min={0}
                        max={100}
                        suffix=" %"
                        decimalSeparator=","
                        value={(l as { percent: number }).percent}
                        readOnly={!editable}
                        onChange={(x) => edit(k, { percent: Number(x) || 0 } as never)}
                      />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      </Paper>
    );
  };

  const submit = () => {
    setConflict(null);
    save.mutate(
      { version: saved.version, body: v },
      {
        onError: (error) => {
          if (isApiError(error, 'VERSION_MISMATCH')) {
            const current = (error.details as { current?: Settings } | undefined)?.current;
            if (current) setConflict(current);
          }
        },
      },
    );
  };

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('register.settings.intro')}
      </Text>
      {levelEditor('probability')}
      {levelEditor('impact')}
      <Paper withBorder radius="md" p="md">
        <Stack gap="xs">
          <Title order={2} size="h5">
            {t('register.settings.matrix')}
          </Title>
          <Text size="sm" c="dimmed">
            {editable ? t('register.settings.matrixHelp') : t('register.settings.matrixReadOnly')}
          </Text>
          <table style={{ borderCollapse: 'separate', borderSpacing: 4 }}>
            <thead>
              <tr>
                <th scope="col">
                  <Text size="xs" c="dimmed">
                    {t('risks.probability')} ↓ / {t('risks.impact')} →
                  </Text>
                </th>
                {v.impact.map((l, i) => (
                  <th key={i} scope="col">
                    <Text size="xs">
                      {i + 1}. {l.label}
                    </Text>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {v.probability
                .map((l, p) => ({ l, p }))
                .reverse()
                .map(({ l, p }) => (
                  <tr key={p}>
                    <th scope="row" style={{ textAlign: 'right' }}>
                      <Text size="xs">
                        {p + 1}. {l.label}
                      </Text>
                    </th>
                    {v.impact.map((_, i) => {
                      const level = v.matrix[p]![i]!;
                      return (
                        <td key={i}>
                          <UnstyledButton
                            disabled={!editable}
                            aria-label={t('register.settings.cell', {
                              probability: p + 1,
                              impact: i + 1,
                              level: t(`risks.criticality.${level}`),
                            })}
                            onClick={() =>
                              setV((old) => ({
                                ...old,
                                matrix: old.matrix.map((row, pp) =>
                                  pp === p ? row.map((c, ii) => (ii === i ? NEXT[c] : c)) : row,
                                ),
                              }))
                            }
                            style={{
                              display: 'block',
                              minWidth: 72,
                              padding: '10px 6px',
                              borderRadius: 6,
                              textAlign: 'center',
                              fontSize: 12,
                              fontWeight: 600,
                              background: CRITICALITY_COLOR[level],
                              color: level === 'critical' ? 'white' : 'black',
                            }}
                          >
                            {(p + 1) * (i + 1)} · {t(`risks.criticality.${level}`)}
                          </UnstyledButton>
                        </td>
                      );
                    })}
                  </tr>
                ))}
            </tbody>
          </table>
          <Group gap="xs">
            {CRITICALITIES.map((c) => (
              <Badge key={c} variant="light" color="gray">
                {t(`risks.criticality.${c}`)} : {mix[c]}
              </Badge>
            ))}
          </Group>
        </Stack>
      </Paper>
      {notMonotone && (
        <Alert color="yellow" icon={<IconAlertTriangle size={18} aria-hidden />}>
          {t('register.settings.notMonotone', notMonotone)}
        </Alert>
      )}
      {resized && (
        <Alert color="blue" title={t('register.settings.rerateTitle')}>
          <Stack gap={4}>
            <Text size="sm">{t('register.settings.rerate')}</Text>
            {(['probability', 'impact'] as const)
              .filter((axis) => v[axis].length !== saved[axis].length)
              .map((axis) => (
                <Text size="sm" key={axis}>
                  {t(`register.settings.${axis}`)} :{' '}
                  {levelMap(saved[axis].length, v[axis].length)
                    .slice(1)
                    .map((to, k) => `${k + 1} → ${to}`)
                    .join(', ')}
                </Text>
              ))}
          </Stack>
        </Alert>
      )}
      {problem && (
        <Alert color="red" role="alert">
          {t('register.settings.percentOrder')}
        </Alert>
      )}
      {conflict && (
        <Alert color="orange" role="alert" title={t('register.settings.conflictTitle')}>
          <Group justify="space-between">
            <Text size="sm">{t('register.settings.conflict')}</Text>
            <Button
              size="xs"
              variant="default"
              onClick={() => void client.invalidateQueries({ queryKey: ['risk-settings'] })}
            >
              {t('register.settings.reload')}
            </Button>
          </Group>
        </Alert>
      )}
      {save.error && !conflict && (
        <Alert color="red" role="alert">
          {errorMessage(t, save.error)}
        </Alert>
      )}
      {editable && (
        <Group justify="flex-end">
          <Button
            variant="default"
            disabled={!dirty}
            onClick={() =>
              setV({ probability: saved.probability, impact: saved.impact, matrix: saved.matrix })
            }
          >
            {t('common.cancel')}
          </Button>
          <Button onClick={submit} disabled={!dirty || !!problem} loading={save.isPending}>
            {t('register.settings.save')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

type Category = z.infer<typeof RiskCategory>;

/** The risk breakdown structure: categories in a tree, added, renamed, removed when unused. */
function CategoriesEditor({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const categories = useRiskCategories();
  const remove = useDeleteCategory();
  const [editing, setEditing] = useState<Category | 'new' | null>(null);
  if (categories.error) return <ErrorState error={categories.error} />;
  if (!categories.data) return <TableSkeleton rows={6} />;
  const items = categories.data.items;
  const nameOf = (id: string | null) => items.find((c) => c.id === id)?.name ?? '—';
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('register.categories.intro')}
      </Text>
      {editable && items.length > 0 && (
        <Group justify="flex-end">
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setEditing('new')}
          >
            {t('register.categories.new')}
          </Button>
        </Group>
      )}
      {items.length === 0 ? (
        <EmptyState
          title={t('register.categories.emptyTitle')}
          message={t('register.categories.emptyMessage')}
          action={
            editable ? (
              <Button onClick={() => setEditing('new')}>{t('register.categories.new')}</Button>
            ) : undefined
          }
        />
      ) : (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('register.categories.code')}</Table.Th>
              <Table.Th>{t('register.categories.name')}</Table.Th>
              <Table.Th>{t('register.categories.parent')}</Table.Th>
              <Table.Th>{t('register.categories.description')}</Table.Th>
              {editable && <Table.Th w={60} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>{c.code}</Table.Td>
                <Table.Td>
                  {editable ? (
                    <UnstyledButton
                      onClick={() => setEditing(c)}
                      style={{ textDecoration: 'underline' }}
                    >
                      {c.name}
                    </UnstyledButton>
                  ) : (
                    c.name
                  )}
                </Table.Td>
                <Table.Td>{nameOf(c.parentId)}</Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={2}>
                    {c.description}
                  </Text>
                </Table.Td>
                {editable && (
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('register.categories.delete', { name: c.name })}
                      onClick={() => remove.mutate({ id: c.id, version: c.version })}
                    >
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {remove.error && (
        <Alert color="red" role="alert">
          {errorMessage(t, remove.error)}
        </Alert>
      )}
      {editing && (
        <CategoryForm
          category={editing === 'new' ? null : editing}
          all={items}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}

function CategoryForm({
  category,
  all,
  onClose,
}: {
  category: Category | null;
  all: Category[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveCategory();
  const [code, setCode] = useState(category?.code ?? '');
  const [name, setName] = useState(category?.name ?? '');
  const [description, setDescription] = useState(category?.description ?? '');
  const [parentId, setParentId] = useState<string | null>(category?.parentId ?? null);
  return (
    <Modal opened onClose={onClose} title={category ? category.name : t('register.categories.new')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(
            {
              ...(category ? { id: category.id, version: category.version } : {}),
              body: { code, name, description, parentId },
            },
            { onSuccess: onClose },
          );
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t('register.categories.code')}
            required
            maxLength={20}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
          />
          <TextInput
            label={t('register.categories.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <Select
            label={t('register.categories.parent')}
            clearable
            data={all
              .filter((c) => c.id !== category?.id)
              .map((c) => ({ value: c.id, label: `${c.code} — ${c.name}` }))}
            value={parentId}
            onChange={setParentId}
          />
          <Textarea
            label={t('register.categories.description')}
            autosize
            minRows={2}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
          />
          <FormActions error={save.error ? errorMessage(t, save.error) : null} onCancel={onClose}>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </FormActions>
        </Stack>
      </form>
    </Modal>
  );
}
