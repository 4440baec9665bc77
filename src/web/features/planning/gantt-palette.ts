/**
 * Colours of the Gantt as literal values: the same SVG is serialised for the PNG export, where
 * CSS variables do not resolve. Each pair was checked for WCAG AA contrast on its background.
 */
export interface GanttPalette {
  background: string;
  grid: string;
  nonWorking: string;
  headerText: string;
  headerBackground: string;
  bar: string;
  barProgress: string;
  critical: string;
  criticalProgress: string;
  summary: string;
  milestone: string;
  baseline: string;
  arrow: string;
  text: string;
  today: string;
  statusDate: string;
  selection: string;
}

export const LIGHT_PALETTE: GanttPalette = {
  background: '#ffffff',
  grid: '#e9ecef',
  nonWorking: '#f1f3f5',
  headerText: '#343a40',
  headerBackground: '#f8f9fa',
  bar: '#6c9fd9',
  barProgress: '#1c5d99',
  critical: '#f08c8c',
  criticalProgress: '#c92a2a',
  summary: '#343a40',
  milestone: '#144c80',
  baseline: '#adb5bd',
  arrow: '#495057',
  text: '#212529',
  today: '#e8590c',
  statusDate: '#2b8a3e',
  selection: '#e8f1fa',
};

export const DARK_PALETTE: GanttPalette = {
  background: '#242424',
  grid: '#373a40',
  nonWorking: '#2c2e33',
  headerText: '#dee2e6',
  headerBackground: '#2e2e2e',
  bar: '#4283ce',
  barProgress: '#9fc0e6',
  critical: '#e03131',
  criticalProgress: '#ffa8a8',
  summary: '#dee2e6',
  milestone: '#9fc0e6',
  baseline: '#868e96',
  arrow: '#adb5bd',
  text: '#e9ecef',
  today: '#ff922b',
  statusDate: '#69db7c',
  selection: '#1f3a5c',
};
