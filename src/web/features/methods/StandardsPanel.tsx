import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Group,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { CatalogueFormModal } from './CatalogueFormModal.tsx';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { StandardMilestone } from '../../../contracts/methods.ts';
import { api } from '../../api/client.ts';
import { errorMessage } from '../../components/errors.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { useCan } from '../auth/auth-api.ts';
import { useStandards } from './methods-api.ts';

/**
 * "Gouvernance › Référentiel": the common language every method and project shares — the
 * standard milestones (managed here) and the KPI definitions (managed in Reporting), each with
 * the methods that name it.
 */
export function StandardsPanel() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const list = useStandards();
  const [editing, setEditing] = useState<StandardMilestone | 'new' | null>(null);
  const manage = can('governance.manage');
  const en = i18n.language.startsWith('en');
  const remove = async (m: StandardMilestone) => {
    if (!window.confirm(t('methods.standards.deleteConfirm', { name: m.name }))) return;
    try {
      await api.delete(`/standard-milestones/${m.id}`, m.version);
      await client.invalidateQueries({ queryKey: ['standards'] });
    } catch (e) {
      notifications.show({ color: 'red', message: errorMessage(t, e) });
    }
  };
  if (list.isPending) return <TableSkeleton />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  const methods = (used: { id: string; code: string; name: string }[]) =>
    used.length === 0 ? (
      <Text size="sm" c="dimmed">
        {t('methods.standards.unused')}
      </Text>
    ) : (
      <Group gap={4}>
        {used.map((u) => (
          <Badge key={u.id} variant="light" size="sm" title={u.name}>
            {u.code}
          </Badge>
        ))}
      </Group>
    );
  return (
    <Stack>
      <Text size="sm" c="dimmed" maw={820}>
        {t('methods.standards.help')}
      </Text>
      <Group justify="space-between">
        <Title order={2} size="h4">
          {t('methods.standards.milestones')}
        </Title>
        {manage && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            {t('methods.standards.create')}
          </Button>
        )}
      </Group>
      {list.data.milestones.length === 0 ? (
        <EmptyState
          title={t('methods.standards.empty')}
          message={manage ? t('methods.standards.emptyHelp') : undefined}
        />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('methods.standards.code')}</Table.Th>
                <Table.Th>{t('methods.standards.name')}</Table.Th>
                <Table.Th>{t('methods.standards.definition')}</Table.Th>
                <Table.Th>{t('methods.standards.evidence')}</Table.Th>
                <Table.Th>{t('methods.standards.usedBy')}</Table.Th>
                {manage && <Table.Th aria-label={t('common.actions')} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.milestones.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>
                    <Badge variant="outline">{m.code}</Badge>
                  </Table.Td>
                  <Table.Td fw={500}>{en && m.nameEn ? m.nameEn : m.name}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{en && m.definitionEn ? m.definitionEn : m.definition}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{m.evidence}</Text>
                    {m.evidenceRequired && (
                      <Badge color="orange" variant="light" size="sm">
                        {t('methods.evidence.requiredBadge')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{methods(m.usedBy)}</Table.Td>
                  {manage && (
                    <Table.Td>
                      <Group gap={2} wrap="nowrap">
                        <ActionIcon
                          variant="subtle"
                          aria-label={t('methods.standards.edit', { name: m.name })}
                          onClick={() => setEditing(m)}
                        >
                          <IconPencil size={16} />
                        </ActionIcon>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('methods.standards.delete', { name: m.name })}
                          onClick={() => void remove(m)}
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Group justify="space-between" mt="md">
        <Title order={2} size="h4">
          {t('methods.standards.kpis')}
        </Title>
        <Button component={Link} to="/reporting/kpis" variant="default">
          {t('methods.standards.manageKpis')}
        </Button>
      </Group>
      {list.data.kpis.length === 0 ? (
        <EmptyState title={t('methods.standards.noKpis')} />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('methods.standards.code')}</Table.Th>
                <Table.Th>{t('methods.standards.name')}</Table.Th>
                <Table.Th>{t('methods.standards.level')}</Table.Th>
                <Table.Th>{t('methods.standards.unit')}</Table.Th>
                <Table.Th>{t('methods.standards.usedBy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.kpis.map((k) => (
                <Table.Tr key={k.id}>
                  <Table.Td>
                    <Badge variant="outline">{k.code}</Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {en ? k.nameEn : k.nameFr}
                    </Text>
                    {k.description && (
                      <Text size="xs" c="dimmed">
                        {k.description}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{t(`methods.standards.levels.${k.level}`)}</Table.Td>
                  <Table.Td>{k.unit}</Table.Td>
                  <Table.Td>{methods(k.usedBy)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && (
        <MilestoneForm
          milestone={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}

function MilestoneForm({
  milestone,
  onClose,
}: {
  milestone: StandardMilestone | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [f, setF] = useState({
    code: milestone?.code ?? '',
    name: milestone?.name ?? '',
    nameEn: milestone?.nameEn ?? '',
    definition: milestone?.definition ?? '',
    definitionEn: milestone?.definitionEn ?? '',
    evidence: milestone?.evidence ?? '',
  });
  const [evidenceRequired, setEvidenceRequired] = useState(milestone?.evidenceRequired ?? false);
  const set = (k: keyof typeof f) => (v: string) => setF((x) => ({ ...x, [k]: v }));
  const save = async () => {
    if (milestone)
      await api.patch(
        `/standard-milestones/${milestone.id}`,
        StandardMilestone,
        { ...f, evidenceRequired },
        milestone.version,
      );
    else await api.post('/standard-milestones', StandardMilestone, { ...f, evidenceRequired });
    await client.invalidateQueries({ queryKey: ['standards'] });
    onClose();
  };
  return (
    <CatalogueFormModal
      onClose={onClose}
      onSave={save}
      title={
        milestone
          ? t('methods.standards.editTitle', { name: milestone.name })
          : t('methods.standards.create')
      }
    >
      <Group grow align="flex-start">
        <TextInput
          label={t('methods.standards.code')}
          description={t('methods.standards.codeHelp')}
          value={f.code}
          onChange={(e) => set('code')(e.currentTarget.value.toUpperCase())}
          required
          disabled={Boolean(milestone && milestone.usedBy.length > 0)}
        />
        <TextInput
          label={t('methods.standards.name')}
          value={f.name}
          onChange={(e) => set('name')(e.currentTarget.value)}
          required
        />
      </Group>
      <TextInput
        label={t('methods.standards.nameEn')}
        value={f.nameEn}
        onChange={(e) => set('nameEn')(e.currentTarget.value)}
      />
      <Textarea
        label={t('methods.standards.definition')}
        value={f.definition}
        onChange={(e) => set('definition')(e.currentTarget.value)}
        autosize
        minRows={2}
      />
      <Textarea
        label={t('methods.standards.definitionEn')}
        value={f.definitionEn}
        onChange={(e) => set('definitionEn')(e.currentTarget.value)}
        autosize
        minRows={2}
      />
      <Textarea
        label={t('methods.standards.evidence')}
        description={t('methods.standards.evidenceHelp')}
        value={f.evidence}
        onChange={(e) => set('evidence')(e.currentTarget.value)}
        autosize
        minRows={2}
      />
      <Checkbox
        label={t('methods.evidence.requiredLabel')}
        description={t('methods.evidence.requiredHelp')}
        checked={evidenceRequired}
        onChange={(e) => setEvidenceRequired(e.currentTarget.checked)}
      />
    </CatalogueFormModal>
  );
}
