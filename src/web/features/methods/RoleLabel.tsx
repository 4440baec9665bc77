import { HoverCard, List, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { matchRoles } from '../../../core/methods/policies.ts';
import { useRoleDescriptions } from './methods-api.ts';

/**
 * A RACI column label; when a company-wide role description covers it (by name or alias), the
 * label opens the description (mission and responsibilities) on hover or focus.
 */
export function RoleLabel({ label }: { label: string }) {
  const { t } = useTranslation();
  const roles = useRoleDescriptions();
  const role = roles.data ? matchRoles([label], roles.data.items).get(label) : undefined;
  if (!role) return <span>{label}</span>;
  return (
    <HoverCard width={320} shadow="md" withinPortal openDelay={150}>
      <HoverCard.Target>
        <UnstyledButton
          fz="sm"
          fw={700}
          td="underline dotted"
          aria-label={t('methods.roles.describe', { name: label })}
        >
          {label}
        </UnstyledButton>
      </HoverCard.Target>
      <HoverCard.Dropdown>
        <Text fw={700} size="sm">
          {role.name}
        </Text>
        {role.mission && <Text size="sm">{role.mission}</Text>}
        <List size="xs" mt={4}>
          {role.responsibilities.map((r) => (
            <List.Item key={r}>{r}</List.Item>
          ))}
        </List>
      </HoverCard.Dropdown>
    </HoverCard>
  );
}
