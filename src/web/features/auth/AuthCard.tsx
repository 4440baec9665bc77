import { Box, Center, Group, Paper, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { LanguageSwitch } from '../../app/HeaderControls.tsx';
import { Logo } from '../../app/Logo.tsx';

/** The frame of the pages shown before signing in. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box bg="var(--mantine-color-body)" mih="100vh">
      <Group justify="space-between" p="md">
        <Logo />
        <LanguageSwitch persist={false} />
      </Group>
      <Center component="main" id="main" px="md" pt="6vh">
        <Paper withBorder shadow="sm" radius="md" p="xl" w={420} maw="100%">
          <Stack gap="lg">
            <Title order={1} size="h3">
              {title}
            </Title>
            {children}
          </Stack>
        </Paper>
      </Center>
    </Box>
  );
}
