import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  ColorInput,
  Group,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackTemplate } from '../../../../contracts/copil.ts';
import { PACK_SECTIONS, type PackSection } from '../../../../core/copil/pack.ts';
import { isApiError } from '../../../api/client.ts';
import { errorMessage } from '../../../components/errors.ts';
import { FormActions } from '../../../components/FormActions.tsx';
import { EmptyState, ErrorState, TableSkeleton } from '../../../components/states.tsx';
import { formatDateTime } from '../../../format.ts';
import { useCopilMutations, useTemplates } from './copil-api.ts';

/** The PMO's pack templates: wording, sections and their order, accent colour, footer. */
export function TemplatesPanel() {
  const { t } = useTranslation();
  const templates = useTemplates();
  const [editing, setEditing] = useState<PackTemplate | 'new' | null>(null);
  if (templates.isPending) return <TableSkeleton rows={3} />;
  if (templates.isError)
    return <ErrorState error={templates.error} onRetry={() => void templates.refetch()} />;
  const { items, canManage } = templates.data;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={700}>
          {t('copil.templates.intro')}
        </Text>
        {canManage && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            {t('copil.templates.new')}
          </Button>
        )}
      </Group>
      {items.length === 0 ? (
        <EmptyState title={t('copil.templates.empty')} message={t('copil.templates.emptyHint')} />
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('copil.templates.name')}</Table.Th>
              <Table.Th>{t('copil.templates.titleField')}</Table.Th>
              <Table.Th>{t('copil.templates.sections')}</Table.Th>
              <Table.Th>{t('copil.templates.confidentiality')}</Table.Th>
              <Table.Th>{t('copil.templates.updated')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((x) => (
              <Table.Tr key={x.id}>
                <Table.Td>
                  <Group gap="xs">
                    <span
                      aria-hidden
                      style={{ width: 12, height: 12, borderRadius: 3, background: x.accentColor }}
                    />
                    {x.name}
                    {x.archived && <Badge color="gray">{t('copil.templates.archived')}</Badge>}
                  </Group>
                </Table.Td>
                <Table.Td>{x.title || t('copil.templates.defaultTitle')}</Table.Td>
                <Table.Td>
                  <Text size="xs">
                    {x.sections.map((s) => t(`copil.section.${s}`)).join(' › ')}
                  </Text>
                </Table.Td>
                <Table.Td>{x.confidentiality || '—'}</Table.Td>
                <Table.Td>{formatDateTime(x.updatedAt)}</Table.Td>
                <Table.Td>
                  {canManage && (
                    <ActionIcon
                      variant="subtle"
                      aria-label={t('copil.templates.edit', { name: x.name })}
                      onClick={() => setEditing(x)}
                    >
                      <IconPencil size={16} />
                    </ActionIcon>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('copil.templates.new') : t('copil.templates.editTitle')}
        size="lg"
      >
        {editing !== null && (
          <TemplateForm
            template={editing === 'new' ? null : editing}
            onDone={() => setEditing(null)}
          />
        )}
      </Modal>
    </Stack>
  );
}

function TemplateForm({ template, onDone }: { template: PackTemplate | null; onDone: () => void }) {
  const { t } = useTranslation();
  const m = useCopilMutations();
  const [name, setName] = useState(template?.name ?? '');
  const [title, setTitle] = useState(template?.title ?? '');
  const [subtitle, setSubtitle] = useState(template?.subtitle ?? '');
  const [accentColor, setAccent] = useState(template?.accentColor ?? '#1C5D99');
  const [footer, setFooter] = useState(template?.footer ?? '');
  const [confidentiality, setConf] = useState(template?.confidentiality ?? '');
  const [archived, setArchived] = useState(template?.archived ?? false);
  const [order, setOrder] = useState<PackSection[]>(() => {
    const chosen = template?.sections ?? [...PACK_SECTIONS];
    return [...chosen, ...PACK_SECTIONS.filter((s) => !chosen.includes(s))];
  });
  const [on, setOn] = useState<Set<PackSection>>(new Set(template?.sections ?? PACK_SECTIONS));
  const [errors, setErrors] = useState<Record<string, string>>({});

  const move = (i: number, d: -1 | 1) =>
    setOrder((o) => {
      const next = [...o];
      [next[i], next[i + d]] = [next[i + d]!, next[i]!];
      return next;
    });

  const save = () => {
    const body = {
      name,
      title,
      subtitle,
      accentColor,
      footer,
      confidentiality,
      sections: order.filter((s) => on.has(s)),
    };
    const handlers = {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('copil.templates.saved') });
        onDone();
      },
      onError: (e: unknown) => {
        if (isApiError(e) && e.issues.length) {
          setErrors(Object.fromEntries(e.issues.map((i) => [String(i.path.at(-1)), i.message])));
        } else notifications.show({ color: 'red', message: errorMessage(t, e) });
      },
    };
    if (template) m.updateTemplate.mutate({ template, body: { ...body, archived } }, handlers);
    else m.createTemplate.mutate(body, handlers);
  };

  return (
    <Stack gap="sm">
      <TextInput
        label={t('copil.templates.name')}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={errors.name}
        required
      />
      <TextInput
        label={t('copil.templates.titleField')}
        description={t('copil.templates.titleHint')}
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        error={errors.title}
      />
      <TextInput
        label={t('copil.templates.subtitle')}
        value={subtitle}
        onChange={(e) => setSubtitle(e.currentTarget.value)}
      />
      <ColorInput
        label={t('copil.templates.accent')}
        value={accentColor}
        onChange={setAccent}
        format="hex"
        error={errors.accentColor}
      />
      <Paper withBorder p="sm" radius="md">
        <Text size="sm" fw={500} mb={4} id="copil-sections">
          {t('copil.templates.sections')}
        </Text>
        <Stack gap={4} role="group" aria-labelledby="copil-sections">
          {order.map((s, i) => (
            <Group key={s} justify="space-between" wrap="nowrap">
              <Checkbox
                label={t(`copil.section.${s}`)}
                checked={on.has(s)}
                onChange={(e) => {
                  const checked = e.currentTarget.checked;
                  setOn((prev) => {
                    const next = new Set(prev);
                    if (checked) next.add(s);
                    else next.delete(s);
                    return next;
                  });
                }}
              />
              <Group gap={2}>
                <ActionIcon
                  variant="subtle"
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                  aria-label={t('copil.templates.up', { name: t(`copil.section.${s}`) })}
                >
                  <IconArrowUp size={14} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  disabled={i === order.length - 1}
                  onClick={() => move(i, 1)}
                  aria-label={t('copil.templates.down', { name: t(`copil.section.${s}`) })}
                >
                  <IconArrowDown size={14} />
                </ActionIcon>
              </Group>
            </Group>
          ))}
        </Stack>
        {errors.sections && (
          <Text size="xs" c="red.8">
            {errors.sections}
          </Text>
        )}
      </Paper>
      <TextInput
        label={t('copil.templates.footer')}
        value={footer}
        onChange={(e) => setFooter(e.currentTarget.value)}
      />
      <TextInput
        label={t('copil.templates.confidentiality')}
        placeholder={t('copil.templates.confidentialityHint')}
        value={confidentiality}
        onChange={(e) => setConf(e.currentTarget.value)}
      />
      {template && (
        <Checkbox
          label={t('copil.templates.archive')}
          checked={archived}
          onChange={(e) => setArchived(e.currentTarget.checked)}
        />
      )}
      <FormActions onCancel={onDone}>
        <Button onClick={save} loading={m.createTemplate.isPending || m.updateTemplate.isPending}>
          {t('common.save')}
        </Button>
      </FormActions>
    </Stack>
  );
}
