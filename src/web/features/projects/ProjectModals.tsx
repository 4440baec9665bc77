import { Alert, Button, Modal, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { CreateProjectBody, Project, UpdateProjectBody } from '../../../contracts/portfolio.ts';
import { api } from '../../api/client.ts';
import { ConflictAlert, useEditSession } from '../../components/conflict.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { applyApiError, validateWith } from '../../components/forms.ts';
import { type MethodChoice, MethodPicker } from '../governance/MethodPicker.tsx';
import { portfolioKeys, useInvalidateHierarchy } from '../portfolio/portfolio-api.ts';
import {
  emptyProjectValues,
  HierarchyFields,
  PROJECT_FIELDS,
  projectBody,
  ProjectFields,
  projectValues,
  useProjectFieldLabel,
  type ProjectFormValues,
} from './project-form.tsx';

function FormError({ message }: { message: string | null }) {
  return message ? (
    <Alert color="red" variant="light" role="alert">
      {message}
    </Alert>
  ) : null;
}

/** Creates a project (or a sub-project when `parent` is given) and opens it. */
export function ProjectCreateModal({
  opened,
  onClose,
  initial = {},
  parent,
}: {
  opened: boolean;
  onClose: () => void;
  initial?: { portfolioId?: string | null; programId?: string | null };
  parent?: Project;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const invalidate = useInvalidateHierarchy();
  const [error, setError] = useState<string | null>(null);
  const [method, setMethod] = useState<MethodChoice>({ methodologyId: null, createWbs: true });
  const form = useForm<ProjectFormValues>({
    initialValues: emptyProjectValues(
      parent
        ? {
            portfolioId: parent.portfolio.id,
            programId: parent.program?.id ?? null,
            parentId: parent.id,
          }
        : initial,
    ),
    validate: validateWith(CreateProjectBody, projectBody, t),
  });
  const close = () => {
    form.reset();
    setError(null);
    setMethod({ methodologyId: null, createWbs: true });
    onClose();
  };
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      const created = await api.post('/projects', Project, {
        ...projectBody(values),
        ...(method.methodologyId
          ? { methodology: { methodologyId: method.methodologyId, createWbs: method.createWbs } }
          : {}),
      });
      await invalidate();
      notifications.show({ color: 'teal', message: t('project.created', { code: created.code }) });
      close();
      await navigate(`/projects/${created.id}`);
    } catch (e) {
      setError(applyApiError(form, e, t, PROJECT_FIELDS));
    }
  });
  return (
    <Modal
      opened={opened}
      onClose={close}
      size="xl"
      title={
        parent ? t('project.createSubTitle', { parent: parent.name }) : t('project.createTitle')
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormError message={error} />
          <HierarchyFields
            form={form}
            parentLabel={parent ? `${parent.code} — ${parent.name}` : null}
            lockParent={!!parent}
          />
          <ProjectFields form={form} />
          <MethodPicker value={method} onChange={setMethod} />
          <FormActions onCancel={close}>
            <Button type="submit" loading={form.submitting}>
              {t('common.create')}
            </Button>
          </FormActions>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * Edits a project, sending only what changed with `If-Match`; `move` shows the tree position
 * fields instead of the descriptive ones. A 412 keeps the user's input and explains.
 */
export function ProjectEditModal({
  project,
  opened,
  onClose,
  mode,
}: {
  project: Project;
  opened: boolean;
  onClose: () => void;
  mode: 'edit' | 'move';
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const invalidate = useInvalidateHierarchy();
  const fieldLabel = useProjectFieldLabel();
  const [error, setError] = useState<string | null>(null);
  const session = useEditSession({
    record: project,
    schema: Project,
    toValues: projectValues,
    toBody: projectBody,
  });
  const form = useForm<ProjectFormValues>({
    initialValues: projectValues(project),
    validate: validateWith(UpdateProjectBody, projectBody, t),
  });
  const close = () => {
    setError(null);
    onClose();
  };
  const submit = form.onSubmit(async (values) => {
    setError(null);
    const patch = session.patchOf(values);
    if (Object.keys(patch).length === 0) return close();
    try {
      const saved = await api.patch(`/projects/${project.id}`, Project, patch, session.version);
      client.setQueryData(portfolioKeys.project(project.id), saved);
      session.reset(saved);
      await invalidate();
      await client.invalidateQueries({ queryKey: ['history', project.id] });
      notifications.show({ color: 'teal', message: t('common.saved') });
      close();
    } catch (e) {
      if (session.catchConflict(e)) {
        // The page behind the dialog shows the current version too.
        await client.invalidateQueries({ queryKey: portfolioKeys.project(project.id) });
        return;
      }
      setError(applyApiError(form, e, t, PROJECT_FIELDS));
    }
  });
  return (
    <Modal
      opened={opened}
      onClose={close}
      size="xl"
      title={mode === 'move' ? t('project.moveTitle') : t('project.editTitle')}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <ConflictAlert session={session} form={form} fieldLabel={fieldLabel} />
          <FormError message={error} />
          {mode === 'move' ? (
            <>
              <Text size="sm" c="dimmed">
                {t('project.moveHelp')}
              </Text>
              <HierarchyFields
                form={form}
                projectId={project.id}
                parentLabel={
                  project.ancestors.at(-1)
                    ? `${project.ancestors.at(-1)!.code} — ${project.ancestors.at(-1)!.name}`
                    : null
                }
              />
            </>
          ) : (
            <ProjectFields form={form} project={project} />
          )}
          <FormActions onCancel={close}>
            <Button type="submit" loading={form.submitting} disabled={!!session.conflict}>
              {t('common.save')}
            </Button>
          </FormActions>
        </Stack>
      </form>
    </Modal>
  );
}
