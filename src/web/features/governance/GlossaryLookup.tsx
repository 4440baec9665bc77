import { ActionIcon, Anchor, Badge, Modal, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { IconBook2, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useGlossary } from './governance-api.ts';

/** The glossary from anywhere: a header button (or Alt+G) opening a lookup. */
export function GlossaryLookup() {
  const { t, i18n } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 150);
  useHotkeys([['alt+G', () => setOpened(true)]]);
  const list = useGlossary(debounced.trim(), null, opened);
  const english = i18n.language.startsWith('en');
  return (
    <>
      <Tooltip label={t('governance.lookup.tooltip')}>
        <ActionIcon
          variant="default"
          size="lg"
          aria-label={t('governance.lookup.open')}
          aria-keyshortcuts="Alt+G"
          onClick={() => setOpened(true)}
        >
          <IconBook2 size={18} aria-hidden />
        </ActionIcon>
      </Tooltip>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={t('governance.lookup.title')}
        size="lg"
      >
        <TextInput
          data-autofocus
          type="search"
          aria-label={t('governance.glossary.search')}
          placeholder={t('governance.lookup.placeholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          mb="md"
        />
        <Stack gap="sm" aria-live="polite">
          {(list.data?.items ?? []).slice(0, 20).map((term) => (
            <div key={term.id}>
              <Text fw={700}>
                {english && term.termEn ? term.termEn : term.term}{' '}
                <Text span size="xs" c="dimmed" fw={400}>
                  {english ? term.term : term.termEn}
                </Text>{' '}
                {term.category === 'milestone' && (
                  <Badge size="xs" color="violet" variant="light">
                    {t('governance.glossary.categories.milestone')}
                  </Badge>
                )}
              </Text>
              <Text size="sm">
                {english && term.definitionEn ? term.definitionEn : term.definition}
              </Text>
            </div>
          ))}
          {list.data && list.data.items.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('governance.lookup.none')}
            </Text>
          )}
          <Anchor
            component={Link}
            to="/governance/glossary"
            size="sm"
            onClick={() => setOpened(false)}
          >
            {t('governance.lookup.all')}
          </Anchor>
        </Stack>
      </Modal>
    </>
  );
}
