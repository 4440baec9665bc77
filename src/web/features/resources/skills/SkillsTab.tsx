import { SegmentedControl, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/states.tsx';
import { useCurrentUser } from '../../auth/auth-api.ts';
import { PersonSkillsPanel } from './PersonSkillsPanel.tsx';
import { SkillCatalogue } from './SkillCatalogue.tsx';
import { SkillMatrixView } from './SkillMatrixView.tsx';

type View = 'matrix' | 'catalogue' | 'mine';

/** Skills: the matrix (resource roles), the catalogue and scale, and one's own skills. */
export function SkillsTab({ canRead, canManage }: { canRead: boolean; canManage: boolean }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const views: View[] = canRead ? ['matrix', 'catalogue', 'mine'] : ['mine', 'catalogue'];
  const [view, setView] = useState<View>(views[0]!);
  return (
    <Stack>
      <SegmentedControl
        aria-label={t('skills.views.label')}
        value={view}
        onChange={(v) => setView(v as View)}
        data={views.map((v) => ({ value: v, label: t(`skills.views.${v}`) }))}
        w="fit-content"
      />
      {view === 'matrix' && <SkillMatrixView />}
      {view === 'catalogue' && <SkillCatalogue canManage={canManage} />}
      {view === 'mine' &&
        (me.personId ? (
          <PersonSkillsPanel personId={me.personId} />
        ) : (
          <EmptyState
            title={t('skills.person.noPersonTitle')}
            message={t('skills.person.noPerson')}
          />
        ))}
    </Stack>
  );
}
