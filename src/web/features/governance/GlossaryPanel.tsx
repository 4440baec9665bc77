import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { IconPencil, IconPlus, IconSearch, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { CatalogueFormModal } from '../methods/CatalogueFormModal.tsx';
import { useTranslation } from 'react-i18next';
import { GlossaryCategory, GlossaryTerm } from '../../../contracts/governance.ts';
import { api, apiRequest } from '../../api/client.ts';
import { errorMessage } from '../../components/errors.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { useCan } from '../auth/auth-api.ts';
import { useGlossary } from './governance-api.ts';

const CATEGORIES = GlossaryCategory.options;

/** The glossary, searchable; the PMO defines, changes and removes terms. */
export function GlossaryPanel() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 200);
  const [category, setCategory] = useState<string | null>(null);
  const [editing, setEditing] = useState<GlossaryTerm | 'new' | null>(null);
  const list = useGlossary(debounced.trim(), category);
  const client = useQueryClient();
  const english = i18n.language.startsWith('en');
  const remove = async (term: GlossaryTerm) => {
    if (!window.confirm(t('governance.glossary.deleteConfirm', { term: term.term }))) return;
    try {
      await api.delete(`/glossary/${term.id}`, term.version);
      await client.invalidateQueries({ queryKey: ['glossary'] });
    } catch (e) {
      notifications.show({ color: 'red', message: errorMessage(t, e) });
    }
  };
  return (
    <Stack>
      <Group align="flex-end">
        <TextInput
          type="search"
          label={t('governance.glossary.search')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={320}
        />
        <Select
          label={t('governance.glossary.category')}
          data={CATEGORIES.map((c) => ({
            value: c,
            label: t(`governance.glossary.categories.${c}`),
          }))}
          value={category}
          onChange={setCategory}
          clearable
          w={220}
        />
        {can('governance.manage') && (
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setEditing('new')}
          >
            {t('governance.glossary.new')}
          </Button>
        )}
      </Group>
      {list.isPending ? (
        <TableSkeleton />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState
          title={t('governance.glossary.empty')}
          message={can('governance.manage') ? t('governance.glossary.emptyManage') : undefined}
        />
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={800}>
            <Table verticalSpacing="sm" aria-label={t('governance.glossary.table')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={220}>{t('governance.glossary.term')}</Table.Th>
                  <Table.Th>{t('governance.glossary.definition')}</Table.Th>
                  <Table.Th w={140}>{t('governance.glossary.category')}</Table.Th>
                  {can('governance.manage') && <Table.Th w={90} />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((term) => (
                  <Table.Tr key={term.id} style={{ verticalAlign: 'top' }}>
                    <Table.Td>
                      <Text fw={700}>{english && term.termEn ? term.termEn : term.term}</Text>
                      <Text size="xs" c="dimmed">
                        {english ? term.term : term.termEn}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {english && term.definitionEn ? term.definitionEn : term.definition}
                      </Text>
                      {term.example && (
                        <Text size="xs" c="dimmed" fs="italic">
                          {t('governance.glossary.exampleShort', { text: term.example })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge
                        variant="light"
                        color={term.category === 'milestone' ? 'violet' : 'gray'}
                      >
                        {t(`governance.glossary.categories.${term.category}`)}
                      </Badge>
                    </Table.Td>
                    {can('governance.manage') && (
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <ActionIcon
                            variant="subtle"
                            aria-label={t('governance.glossary.edit', { term: term.term })}
                            onClick={() => setEditing(term)}
                          >
                            <IconPencil size={16} aria-hidden />
                          </ActionIcon>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={t('governance.glossary.delete', { term: term.term })}
                            onClick={() => void remove(term)}
                          >
                            <IconTrash size={16} aria-hidden />
                          </ActionIcon>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {editing && (
        <TermModal term={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </Stack>
  );
}

function TermModal({ term, onClose }: { term: GlossaryTerm | null; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [values, setValues] = useState({
    term: term?.term ?? '',
    termEn: term?.termEn ?? '',
    definition: term?.definition ?? '',
    definitionEn: term?.definitionEn ?? '',
    example: term?.example ?? '',
    category: term?.category ?? 'general',
  });
  const set = (k: keyof typeof values) => (e: { currentTarget: { value: string } }) =>
    setValues((v) => ({ ...v, [k]: e.currentTarget.value }));
  const save = async () => {
    if (term)
      await apiRequest('PATCH', `/glossary/${term.id}`, GlossaryTerm, {
        body: values,
        ifMatch: term.version,
      });
    else await api.post('/glossary', GlossaryTerm, values);
    await client.invalidateQueries({ queryKey: ['glossary'] });
    notifications.show({ color: 'teal', message: t('governance.glossary.saved') });
    onClose();
  };
  return (
    <CatalogueFormModal
      onClose={onClose}
      onSave={save}
      submitOnEnter
      title={term ? t('governance.glossary.editTitle') : t('governance.glossary.new')}
    >
      <Group grow>
        <TextInput
          label={t('governance.glossary.termFr')}
          required
          value={values.term}
          onChange={set('term')}
        />
        <TextInput
          label={t('governance.glossary.termEn')}
          value={values.termEn}
          onChange={set('termEn')}
        />
      </Group>
      <Textarea
        label={t('governance.glossary.definitionFr')}
        required
        autosize
        minRows={2}
        value={values.definition}
        onChange={set('definition')}
      />
      <Textarea
        label={t('governance.glossary.definitionEn')}
        autosize
        minRows={2}
        value={values.definitionEn}
        onChange={set('definitionEn')}
      />
      <TextInput
        label={t('governance.glossary.example')}
        value={values.example}
        onChange={set('example')}
      />
      <Select
        label={t('governance.glossary.category')}
        allowDeselect={false}
        data={CATEGORIES.map((c) => ({
          value: c,
          label: t(`governance.glossary.categories.${c}`),
        }))}
        value={values.category}
        onChange={(v) => v && setValues((x) => ({ ...x, category: v as typeof x.category }))}
      />
    </CatalogueFormModal>
  );
}
