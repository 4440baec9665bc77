import { Box, Group, Text, ThemeIcon } from '@mantine/core';
import { IconCheck, IconFlag, IconPlayerPause, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { LifecycleStatus, ProjectGovernance } from '../../../contracts/governance.ts';
import './governance.css';

/** The lifecycle as a ribbon of phases, the current one highlighted, a gate between each. */
export function PhaseRibbon({
  phases,
  status,
}: {
  phases: ProjectGovernance['phases'];
  status: LifecycleStatus;
}) {
  const { t } = useTranslation();
  return (
    <Box component="ol" className="gov-ribbon" aria-label={t('governance.ribbon')}>
      {phases.map((p, i) => {
        const current = p.state === 'current';
        const icon =
          p.state === 'done' ? (
            <IconCheck size={14} aria-hidden />
          ) : current && status === 'on_hold' ? (
            <IconPlayerPause size={14} aria-hidden />
          ) : current && status === 'stopped' ? (
            <IconX size={14} aria-hidden />
          ) : (
            <Text size="xs" fw={700} aria-hidden>
              {i + 1}
            </Text>
          );
        return (
          <li
            key={p.key}
            className="gov-phase"
            data-state={p.state}
            data-status={current ? status : undefined}
            aria-current={current ? 'step' : undefined}
          >
            <Group gap={8} wrap="nowrap">
              <ThemeIcon
                radius="xl"
                size={24}
                variant={p.state === 'upcoming' ? 'light' : 'filled'}
                color={p.state === 'done' ? 'teal' : p.state === 'current' ? 'blue' : 'gray'}
              >
                {icon}
              </ThemeIcon>
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={current ? 700 : 500} truncate>
                  {p.name}
                </Text>
                <Text size="xs" c="dimmed" truncate>
                  {t(`governance.phaseState.${p.state}`)}
                </Text>
              </div>
            </Group>
            {p.gate && (
              <Group gap={4} mt={4} wrap="nowrap">
                <IconFlag size={12} aria-hidden />
                <Text size="xs" c="dimmed" truncate>
                  {p.gate.name}
                </Text>
              </Group>
            )}
          </li>
        );
      })}
    </Box>
  );
}
