import { Group, Text } from '@mantine/core';

/** The milestone diamond and the name. */
export function Logo() {
  return (
    <Group gap={8} wrap="nowrap">
      <svg width="28" height="28" viewBox="0 0 32 32" aria-hidden="true">
        <rect width="32" height="32" rx="7" fill="#1c5d99" />
        <path d="M16 5 27 16 16 27 5 16Z" fill="none" stroke="#fff" strokeWidth="3" />
        <path d="M16 11 21 16 16 21 11 16Z" fill="#f4b942" />
      </svg>
      <Text fw={700} size="lg">
        Jalon
      </Text>
    </Group>
  );
}
