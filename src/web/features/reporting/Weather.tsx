import { Badge, Group, Text, Tooltip } from '@mantine/core';
import {
  IconArrowDownRight,
  IconArrowRight,
  IconArrowUpRight,
  IconCloud,
  IconCloudRain,
  IconCloudStorm,
  IconPoint,
  IconSun,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Weather } from '../../../contracts/reporting.ts';
import { ragOf } from '../../../core/reporting/weather.ts';

const ICONS = {
  sun: IconSun,
  cloud: IconCloud,
  rain: IconCloudRain,
  storm: IconCloudStorm,
} as const;
export const RAG_COLOR = { green: 'teal', amber: 'yellow', red: 'red' } as const;
/** Text colours dark enough on the light badge backgrounds (WCAG AA contrast). */
export const RAG_TEXT = { green: '#06614a', amber: '#6b4100', red: '#a61e1e' } as const;

/** A weather as icon + word + RAG colour (never colour alone). */
export function WeatherBadge({
  weather,
  size = 'md',
}: {
  weather: Weather | null;
  size?: 'sm' | 'md' | 'lg';
}) {
  const { t } = useTranslation();
  if (!weather)
    return (
      <Text size="sm" c="dimmed">
        {t('reporting.weather.none')}
      </Text>
    );
  const Icon = ICONS[weather];
  const rag = ragOf(weather);
  return (
    <Badge
      size={size}
      variant="light"
      color={RAG_COLOR[rag]}
      styles={{ root: { color: RAG_TEXT[rag] } }}
      leftSection={<Icon size={size === 'lg' ? 18 : 14} aria-hidden />}
      title={t(`reporting.rag.${rag}`)}
    >
      {t(`reporting.weather.${weather}`)}
    </Badge>
  );
}

/** A trend arrow versus the previous report, with its words for screen readers and a tooltip. */
export function TrendArrow({
  trend,
}: {
  trend: 'better' | 'worse' | 'same' | 'new' | null | undefined;
}) {
  const { t } = useTranslation();
  if (!trend) return null;
  const Icon =
    trend === 'better'
      ? IconArrowUpRight
      : trend === 'worse'
        ? IconArrowDownRight
        : trend === 'same'
          ? IconArrowRight
          : IconPoint;
  const color = trend === 'better' ? 'teal' : trend === 'worse' ? 'red' : 'gray';
  const label = t(`reporting.trend.${trend}`);
  return (
    <Tooltip label={label}>
      <Group gap={2} component="span" wrap="nowrap" aria-label={label} role="img">
        <Icon size={16} color={`var(--mantine-color-${color}-7)`} aria-hidden />
      </Group>
    </Tooltip>
  );
}
