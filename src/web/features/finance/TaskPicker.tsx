import { Select, type SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePlan } from '../planning/planning-api.ts';

/**
 * Picks a WBS phase (summary task) or task of the project's plan, shown as `1.2 Name`; empty
 * means the line earns value from the project's overall progress.
 */
export function TaskPicker({
  projectId,
  value,
  onChange,
  ...props
}: { projectId: string; value: string | null; onChange: (taskId: string | null) => void } & Omit<
  SelectProps,
  'data' | 'value' | 'onChange'
>) {
  const { t } = useTranslation();
  const plan = usePlan(projectId);
  const data = (plan.data?.tasks ?? [])
    .filter((task) => task.kind !== 'milestone')
    .map((task) => ({ value: task.id, label: `${task.wbs} ${task.name}` }));
  return (
    <Select
      placeholder={t('finance.lineTask.placeholder')}
      searchable
      clearable
      nothingFoundMessage={t('finance.lineTask.none')}
      disabled={plan.isPending}
      {...props}
      data={data}
      value={value}
      onChange={onChange}
    />
  );
}
