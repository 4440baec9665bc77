import { Badge, createTheme } from '@mantine/core';

/** Jalon's look: a deep blue primary (AA contrast on white and on dark), system fonts only. */
export const theme = createTheme({
  primaryColor: 'jalon',
  primaryShade: { light: 7, dark: 5 },
  colors: {
    jalon: [
      '#e8f1fa',
      '#cfe0f2',
      '#9fc0e6',
      '#6c9fd9',
      '#4283ce',
      '#2a72c8',
      '#1f68bf',
      '#1c5d99',
      '#144c80',
      '#073d6b',
    ],
  },
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '650' },
  defaultRadius: 'md',
  focusRing: 'auto',
  cursorType: 'pointer',
  components: {
    // Badges hold short labels (statuses, counts): never squeeze them into an ellipsis in tables.
    Badge: Badge.extend({ styles: { root: { minWidth: 'max-content' } } }),
  },
});
