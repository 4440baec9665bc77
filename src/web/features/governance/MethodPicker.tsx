import { Group, Select, Stack, Switch } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NewProjectLessons } from '../methods/NewProjectLessons.tsx';
import { useMethodologies } from './governance-api.ts';

export interface MethodChoice {
  methodologyId: string | null;
  createWbs: boolean;
}

/**
 * The method a new project follows (optional): applied with the project, in one transaction;
 * once chosen, the lessons learned of past projects on it are shown to read first.
 */
export function MethodPicker({
  value,
  onChange,
}: {
  value: MethodChoice;
  onChange: (next: MethodChoice) => void;
}) {
  const { t } = useTranslation();
  const methods = useMethodologies();
  const items = methods.data?.items ?? [];
  const chosen = items.find((m) => m.id === value.methodologyId);
  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="md">
        <Select
          label={t('governance.methodPicker.label')}
          description={chosen ? chosen.phaseNames.join(' → ') : t('governance.methodPicker.help')}
          placeholder={t('governance.methodPicker.none')}
          data={items.map((m) => ({ value: m.id, label: `${m.name} (v${m.latestVersion})` }))}
          value={value.methodologyId}
          onChange={(v) => onChange({ ...value, methodologyId: v })}
          clearable
          style={{ flex: 1 }}
        />
        <Switch
          label={t('governance.methodPicker.wbs')}
          checked={value.createWbs}
          disabled={!value.methodologyId}
          onChange={(e) => onChange({ ...value, createWbs: e.currentTarget.checked })}
          mb={8}
        />
      </Group>
      <NewProjectLessons methodologyId={value.methodologyId} />
    </Stack>
  );
}
