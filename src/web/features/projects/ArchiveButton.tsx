import { Alert, Button, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Project } from '../../../contracts/portfolio.ts';
import { api, isApiError } from '../../api/client.ts';
import { errorMessage } from '../../components/errors.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { portfolioKeys, useInvalidateHierarchy } from '../portfolio/portfolio-api.ts';

/** Archives or restores a project after confirmation, based on the version on screen. */
export function ArchiveButton({ project, icon }: { project: Project; icon: ReactNode }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const invalidate = useInvalidateHierarchy();
  const [opened, setOpened] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const action = project.archived ? 'restore' : 'archive';

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      const saved = await api.post(`/projects/${project.id}/${action}`, Project, undefined, {
        ifMatch: project.version,
      });
      client.setQueryData(portfolioKeys.project(project.id), saved);
      await invalidate();
      await client.invalidateQueries({ queryKey: ['history', project.id] });
      notifications.show({ color: 'teal', message: t(`project.${action}Done`) });
      setOpened(false);
    } catch (e) {
      if (isApiError(e, 'VERSION_MISMATCH')) {
        // Someone changed the project meanwhile: show them the current state before deciding.
        await client.invalidateQueries({ queryKey: portfolioKeys.project(project.id) });
        setError(t('conflict.archive'));
      } else setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        variant="default"
        color={project.archived ? undefined : 'red'}
        leftSection={icon}
        onClick={() => setOpened(true)}
      >
        {t(`project.${action}`)}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t(`project.${action}Title`)}>
        <Stack>
          {error && (
            <Alert color="orange" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <Text size="sm">{t(`project.${action}Confirm`, { name: project.name })}</Text>
          <FormActions onCancel={() => setOpened(false)}>
            <Button
              color={project.archived ? undefined : 'red'}
              loading={busy}
              onClick={() => void confirm()}
            >
              {t(`project.${action}`)}
            </Button>
          </FormActions>
        </Stack>
      </Modal>
    </>
  );
}
