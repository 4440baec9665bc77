import { ActionIcon, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export type CustomFieldType = 'text' | 'number' | 'boolean';
export interface CustomFieldRow {
  key: string;
  type: CustomFieldType;
  value: string;
}
type Value = string | number | boolean | null;

export function rowsFromCustomFields(fields: Record<string, Value>): CustomFieldRow[] {
  return Object.entries(fields).map(([key, value]) => ({
    key,
    type: typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'text',
    value: value === null ? '' : String(value),
  }));
}

/** Rows back to typed values; a number that does not parse stays text so validation flags it. */
export function customFieldsFromRows(rows: CustomFieldRow[]): Record<string, Value> {
  const fields: Record<string, Value> = {};
  for (const row of rows) {
    const key = row.key.trim();
    if (!key) continue;
    if (row.type === 'boolean') fields[key] = row.value === 'true';
    else if (row.type === 'number') {
      const n = Number(row.value.replace(',', '.').replace(/\s/g, ''));
      fields[key] = row.value.trim() === '' ? null : Number.isFinite(n) ? n : row.value;
    } else fields[key] = row.value.trim() === '' ? null : row.value;
  }
  return fields;
}

/** Edits custom fields as rows of key, type and value. */
export function CustomFieldsEditor({
  rows,
  onChange,
  error,
}: {
  rows: CustomFieldRow[];
  onChange: (rows: CustomFieldRow[]) => void;
  error?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const set = (i: number, change: Partial<CustomFieldRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...change } : r)));
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        {t('project.fields.customFields')}
      </Text>
      {rows.map((row, i) => (
        <Group key={i} gap="xs" align="flex-end" wrap="nowrap">
          <TextInput
            label={t('customFields.key')}
            value={row.key}
            onChange={(e) => set(i, { key: e.currentTarget.value })}
            w={160}
          />
          <Select
            label={t('customFields.type')}
            value={row.type}
            allowDeselect={false}
            data={(['text', 'number', 'boolean'] as const).map((v) => ({
              value: v,
              label: t(`customFields.types.${v}`),
            }))}
            onChange={(v) =>
              set(i, {
                type: (v ?? 'text') as CustomFieldType,
                value: v === 'boolean' ? 'false' : row.value,
              })
            }
            w={120}
          />
          {row.type === 'boolean' ? (
            <Select
              label={t('customFields.value')}
              value={row.value === 'true' ? 'true' : 'false'}
              allowDeselect={false}
              data={[
                { value: 'true', label: t('common.yes') },
                { value: 'false', label: t('common.no') },
              ]}
              onChange={(v) => set(i, { value: v ?? 'false' })}
              style={{ flex: 1 }}
            />
          ) : (
            <TextInput
              label={t('customFields.value')}
              value={row.value}
              inputMode={row.type === 'number' ? 'decimal' : undefined}
              onChange={(e) => set(i, { value: e.currentTarget.value })}
              style={{ flex: 1 }}
            />
          )}
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            mb={2}
            aria-label={t('customFields.remove', { key: row.key || '…' })}
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        </Group>
      ))}
      {error && (
        <Text size="xs" c="red" role="alert">
          {error}
        </Text>
      )}
      <Group>
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={() => onChange([...rows, { key: '', type: 'text', value: '' }])}
        >
          {t('customFields.add')}
        </Button>
      </Group>
    </Stack>
  );
}
