import { Select, SimpleGrid, Stack, TagsInput, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import {
  PRIORITIES,
  PROJECT_STATUSES,
  type Priority,
  type Project,
  type ProjectStatus,
} from '../../../contracts/portfolio.ts';
import { DateField } from '../../components/DateField.tsx';
import { orNull } from '../../components/forms.ts';
import { OrgUnitSelect, PersonSelect } from '../org/pickers.tsx';
import { PortfolioSelect, ProgramSelect, ProjectSelect } from '../portfolio/pickers.tsx';
import {
  CustomFieldsEditor,
  customFieldsFromRows,
  rowsFromCustomFields,
  type CustomFieldRow,
} from './CustomFieldsEditor.tsx';

export interface ProjectFormValues {
  code: string;
  name: string;
  description: string;
  portfolioId: string | null;
  programId: string | null;
  parentId: string | null;
  sponsorId: string | null;
  managerId: string | null;
  orgUnitId: string | null;
  status: ProjectStatus;
  priority: Priority;
  plannedStart: string | null;
  plannedEnd: string | null;
  tags: string[];
  customFields: CustomFieldRow[];
}

/** Every field a user edits on a project form, as named in the API. */
export const PROJECT_FIELDS = [
  'code',
  'name',
  'description',
  'portfolioId',
  'programId',
  'parentId',
  'sponsorId',
  'managerId',
  'orgUnitId',
  'status',
  'priority',
  'plannedStart',
  'plannedEnd',
  'tags',
  'customFields',
] as const;

export const emptyProjectValues = (
  hierarchy: Partial<Pick<ProjectFormValues, 'portfolioId' | 'programId' | 'parentId'>> = {},
): ProjectFormValues => ({
  code: '',
  name: '',
  description: '',
  portfolioId: hierarchy.portfolioId ?? null,
  programId: hierarchy.programId ?? null,
  parentId: hierarchy.parentId ?? null,
  sponsorId: null,
  managerId: null,
  orgUnitId: null,
  status: 'proposed',
  priority: 'medium',
  plannedStart: null,
  plannedEnd: null,
  tags: [],
  customFields: [],
});

export const projectValues = (p: Project): ProjectFormValues => ({
  code: p.code,
  name: p.name,
  description: p.description,
  portfolioId: p.portfolio.id,
  programId: p.program?.id ?? null,
  parentId: p.parentId,
  sponsorId: p.sponsor?.id ?? null,
  managerId: p.manager?.id ?? null,
  orgUnitId: p.orgUnit?.id ?? null,
  status: p.status,
  priority: p.priority,
  plannedStart: p.plannedStart,
  plannedEnd: p.plannedEnd,
  tags: p.tags,
  customFields: rowsFromCustomFields(p.customFields),
});

/** The body of `POST /projects` or `PATCH /projects/:id` from the form (all fields). */
export const projectBody = (v: ProjectFormValues) => ({
  code: v.code.trim(),
  name: v.name.trim(),
  description: v.description,
  portfolioId: v.portfolioId ?? '',
  programId: v.programId,
  parentId: v.parentId,
  sponsorId: v.sponsorId,
  managerId: v.managerId,
  orgUnitId: v.orgUnitId,
  status: v.status,
  priority: v.priority,
  plannedStart: orNull(v.plannedStart),
  plannedEnd: orNull(v.plannedEnd),
  tags: v.tags,
  customFields: customFieldsFromRows(v.customFields),
});

export function useProjectFieldLabel() {
  const { t } = useTranslation();
  return (field: string) =>
    t(`project.fields.${field.replace(/Id$/, '')}`, { defaultValue: field });
}

/** Where the project sits: portfolio, program, parent project. */
export function HierarchyFields({
  form,
  projectId,
  parentLabel,
  lockParent = false,
}: {
  form: UseFormReturnType<ProjectFormValues>;
  projectId?: string;
  parentLabel?: string | null;
  lockParent?: boolean;
}) {
  const { t } = useTranslation();
  const { portfolioId } = form.getValues();
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }}>
      <PortfolioSelect
        label={t('project.fields.portfolio')}
        required
        disabled={lockParent}
        {...form.getInputProps('portfolioId')}
        onChange={(value) => {
          form.setFieldValue('portfolioId', value);
          form.setFieldValue('programId', null);
          form.setFieldValue('parentId', null);
        }}
      />
      <ProgramSelect
        label={t('project.fields.program')}
        portfolioId={portfolioId}
        disabled={lockParent}
        {...form.getInputProps('programId')}
      />
      <ProjectSelect
        label={t('project.fields.parent')}
        portfolioId={portfolioId}
        excludeId={projectId}
        initialLabel={parentLabel ?? null}
        disabled={lockParent}
        {...form.getInputProps('parentId')}
      />
    </SimpleGrid>
  );
}

/** The descriptive fields of a project (everything but its place in the tree). */
export function ProjectFields({
  form,
  project,
}: {
  form: UseFormReturnType<ProjectFormValues>;
  project?: Project;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput
          label={t('project.fields.code')}
          description={t('project.codeHint')}
          required
          {...form.getInputProps('code')}
        />
        <TextInput
          label={t('project.fields.name')}
          required
          style={{ gridColumn: 'span 2' }}
          {...form.getInputProps('name')}
        />
      </SimpleGrid>
      <Textarea
        label={t('project.fields.description')}
        autosize
        minRows={3}
        maxRows={10}
        {...form.getInputProps('description')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
        <Select
          label={t('project.fields.status')}
          allowDeselect={false}
          data={PROJECT_STATUSES.map((s) => ({ value: s, label: t(`project.status.${s}`) }))}
          {...form.getInputProps('status')}
        />
        <Select
          label={t('project.fields.priority')}
          allowDeselect={false}
          data={PRIORITIES.map((p) => ({ value: p, label: t(`project.priority.${p}`) }))}
          {...form.getInputProps('priority')}
        />
        <DateField
          label={t('project.fields.plannedStart')}
          {...form.getInputProps('plannedStart')}
        />
        <DateField label={t('project.fields.plannedEnd')} {...form.getInputProps('plannedEnd')} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <PersonSelect
          label={t('project.fields.sponsor')}
          initial={project?.sponsor ?? null}
          {...form.getInputProps('sponsorId')}
        />
        <PersonSelect
          label={t('project.fields.manager')}
          initial={project?.manager ?? null}
          {...form.getInputProps('managerId')}
        />
        <OrgUnitSelect label={t('project.fields.orgUnit')} {...form.getInputProps('orgUnitId')} />
      </SimpleGrid>
      <TagsInput
        label={t('project.fields.tags')}
        description={t('project.tagsHint')}
        clearable
        {...form.getInputProps('tags')}
      />
      <CustomFieldsEditor
        rows={form.getValues().customFields}
        onChange={(rows) => form.setFieldValue('customFields', rows)}
        error={form.errors.customFields}
      />
    </Stack>
  );
}
