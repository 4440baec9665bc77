import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { IconBulb } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useMethodSuggestions } from './methods-api.ts';

const SHOWN = 5;

/**
 * In the "Nouveau projet" form, once a method is chosen: the lessons learned of past projects
 * on that method (REX), the ones to improve first, to read before starting.
 */
export function NewProjectLessons({ methodologyId }: { methodologyId: string | null }) {
  const { t } = useTranslation();
  const q = useMethodSuggestions(methodologyId);
  if (!methodologyId || !q.data || q.data.items.length === 0) return null;
  const items = q.data.items.slice(0, SHOWN);
  return (
    <Paper withBorder radius="md" p="sm" component="section" aria-labelledby="new-rex-title">
      <Group gap={6} mb={6}>
        <IconBulb size={16} aria-hidden />
        <Text fw={600} size="sm" id="new-rex-title">
          {t('methods.newProject.title', { count: q.data.items.length })}
        </Text>
      </Group>
      <Stack gap={6}>
        {items.map(({ lesson }) => (
          <div key={lesson.id}>
            <Group gap={6} wrap="nowrap">
              <Badge
                size="xs"
                variant="light"
                color={lesson.kind === 'improve' ? 'orange' : 'teal'}
              >
                {t(`methods.lessons.kind.${lesson.kind}`)}
              </Badge>
              <Text size="sm" fw={500}>
                {lesson.title}
              </Text>
              <Text size="xs" c="dimmed">
                {lesson.project.code}
              </Text>
            </Group>
            {lesson.recommendation && (
              <Text size="xs" c="dimmed" pl={4}>
                {t('methods.newProject.recommendation', { text: lesson.recommendation })}
              </Text>
            )}
          </div>
        ))}
      </Stack>
    </Paper>
  );
}
