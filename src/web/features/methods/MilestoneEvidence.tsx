import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { IconFileText, IconLink, IconPaperclip, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { CatalogueFormModal } from './CatalogueFormModal.tsx';
import { useTranslation } from 'react-i18next';
import { ProjectStandards } from '../../../contracts/methods.ts';
import { api } from '../../api/client.ts';
import { errorMessage } from '../../components/errors.ts';
import { formatDateTime } from '../../format.ts';
import { governanceKeys } from '../governance/governance-api.ts';

type Row = ProjectStandards['milestones'][number];

/** After a change of evidence: the standards section and the gate review are read again. */
function useEvidenceRefresh(projectId: string) {
  const client = useQueryClient();
  return (next?: ProjectStandards) => {
    if (next) client.setQueryData(['standards', 'project', projectId], next);
    else void client.invalidateQueries({ queryKey: ['standards', 'project', projectId] });
    void client.invalidateQueries({ queryKey: governanceKeys.project(projectId) });
    void client.invalidateQueries({ queryKey: ['history', projectId] });
  };
}

/** The evidence attached to one standard milestone: document or link, who and when, removable. */
export function EvidenceList({
  projectId,
  row,
  canEdit,
}: {
  projectId: string;
  row: Row;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const refresh = useEvidenceRefresh(projectId);
  const [busy, setBusy] = useState<string | null>(null);
  const remove = async (id: string, version: number) => {
    setBusy(id);
    try {
      await api.delete(`/projects/${projectId}/standards/evidence/${id}`, version);
      refresh();
    } catch (e) {
      notifications.show({ color: 'red', message: errorMessage(t, e) });
    } finally {
      setBusy(null);
    }
  };
  if (row.evidence.length === 0)
    return row.milestone.evidenceRequired ? (
      <Badge color="orange" variant="light" size="sm">
        {t('methods.evidence.missing')}
      </Badge>
    ) : (
      <Text size="xs" c="dimmed">
        {t('methods.evidence.none')}
      </Text>
    );
  return (
    <Stack gap={2}>
      {row.evidence.map((e) => (
        <Group key={e.id} gap={4} wrap="nowrap" align="flex-start">
          {e.document ? (
            <IconFileText size={14} aria-hidden style={{ marginTop: 3, flexShrink: 0 }} />
          ) : (
            <IconLink size={14} aria-hidden style={{ marginTop: 3, flexShrink: 0 }} />
          )}
          <div style={{ minWidth: 0 }}>
            {e.document ? (
              <Text size="sm">
                {e.document.name}
                {e.document.reference && ` (${e.document.reference})`}
              </Text>
            ) : (
              <Anchor
                href={e.url ?? undefined}
                target="_blank"
                rel="noopener noreferrer"
                size="sm"
                style={{ wordBreak: 'break-all' }}
              >
                {e.note || e.url}
              </Anchor>
            )}
            <Text size="xs" c="dimmed">
              {t('methods.evidence.by', { name: e.addedBy, date: formatDateTime(e.addedAt) })}
            </Text>
          </div>
          {canEdit && (
            <ActionIcon
              variant="subtle"
              color="red"
              size="sm"
              aria-label={t('methods.evidence.remove', {
                name: e.document?.name ?? e.url ?? '',
              })}
              loading={busy === e.id}
              onClick={() => void remove(e.id, e.version)}
            >
              <IconTrash size={14} />
            </ActionIcon>
          )}
        </Group>
      ))}
    </Stack>
  );
}

/** « Joindre une preuve »: a document of the project (its deliverables) or a link. */
export function AddEvidenceButton({
  projectId,
  row,
  documents,
}: {
  projectId: string;
  row: Row;
  documents: ProjectStandards['documents'];
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size="compact-xs"
        variant="light"
        leftSection={<IconPaperclip size={12} aria-hidden />}
        onClick={() => setOpen(true)}
        aria-label={t('methods.evidence.addFor', { code: row.milestone.code })}
      >
        {t('methods.evidence.add')}
      </Button>
      {open && (
        <EvidenceModal
          projectId={projectId}
          row={row}
          documents={documents}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

function EvidenceModal({
  projectId,
  row,
  documents,
  onClose,
}: {
  projectId: string;
  row: Row;
  documents: ProjectStandards['documents'];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const refresh = useEvidenceRefresh(projectId);
  const [kind, setKind] = useState<'document' | 'link'>(documents.length > 0 ? 'document' : 'link');
  const [documentId, setDocumentId] = useState<string | null>(null);
  const [url, setUrl] = useState('');
  const [note, setNote] = useState('');
  const save = async () => {
    if (kind === 'document' && !documentId) return t('methods.evidence.pickDocument');
    if (kind === 'link' && !/^https?:\/\/\S+$/i.test(url.trim()))
      return t('methods.evidence.badUrl');
    const next = await api.post(
      `/projects/${projectId}/standards/evidence`,
      ProjectStandards,
      kind === 'document'
        ? { milestoneId: row.milestone.id, documentId, note }
        : { milestoneId: row.milestone.id, url: url.trim(), note },
    );
    refresh(next);
    notifications.show({ color: 'teal', message: t('methods.evidence.added') });
    onClose();
  };
  return (
    <CatalogueFormModal
      onClose={onClose}
      onSave={save}
      size="md"
      saveLabel={t('methods.evidence.save')}
      title={t('methods.evidence.title', { code: row.milestone.code, name: row.milestone.name })}
    >
      {row.milestone.evidence && (
        <Text size="sm" c="dimmed">
          {t('methods.standards.evidenceShort', { text: row.milestone.evidence })}
        </Text>
      )}
      <SegmentedControl
        value={kind}
        onChange={(v) => setKind(v as 'document' | 'link')}
        data={[
          { value: 'document', label: t('methods.evidence.kindDocument') },
          { value: 'link', label: t('methods.evidence.kindLink') },
        ]}
      />
      {kind === 'document' ? (
        <Select
          label={t('methods.evidence.document')}
          description={t('methods.evidence.documentHelp')}
          data={documents.map((d) => ({
            value: d.id,
            label: `${d.name} — ${t(`governance.deliverableStatus.${d.status}`, d.status)}`,
          }))}
          value={documentId}
          onChange={setDocumentId}
          searchable
          required
          nothingFoundMessage={t('methods.evidence.noDocument')}
        />
      ) : (
        <TextInput
          label={t('methods.evidence.url')}
          placeholder="https://ged.exemple.fr/…"
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
          required
        />
      )}
      <TextInput
        label={t('methods.evidence.note')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        maxLength={500}
      />
    </CatalogueFormModal>
  );
}
