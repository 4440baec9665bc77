import {
  Badge,
  CloseButton,
  createTheme,
  darken,
  InputClearButton,
  mergeThemeOverrides,
  PasswordInput,
  type CSSVariablesResolver,
} from '@mantine/core';
import type { TFunction } from 'i18next';

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

/**
 * The theme with the accessible names of Mantine's own icon buttons, which are otherwise
 * missing (close, clear) or English (password visibility): rebuilt when the language changes.
 */
const label = (text: string): Record<string, string> => ({ 'aria-label': text });

export const localizedTheme = (t: TFunction) =>
  mergeThemeOverrides(
    theme,
    createTheme({
      components: {
        // `aria-label` is passed on to the button, though the props' type does not list it.
        CloseButton: CloseButton.extend({ defaultProps: label(t('common.close')) }),
        InputClearButton: InputClearButton.extend({ defaultProps: label(t('common.clear')) }),
        PasswordInput: PasswordInput.extend({
          defaultProps: { visibilityToggleButtonProps: { 'aria-label': t('auth.togglePassword') } },
        }),
      },
    }),
  );

/**
 * Colours dark (or light) enough for WCAG AA (4.5:1) where Mantine's defaults are not, checked
 * by axe in the e2e journeys: secondary ("dimmed") text, dark-mode links, and in the light
 * scheme the coloured text of outline and light variants (status and priority badges, alerts)
 * and the white text of filled buttons — shade 7 is about 3 to 4:1 for these colours, so they
 * use shade 9 (orange has no shade dark enough: a darker one of its own).
 */
const LIGHT_ACCENTS = ['red', 'orange', 'blue', 'teal', 'green', 'cyan', 'grape'] as const;
const DARK_ORANGE = '#b33c00';

export const cssVariablesResolver: CSSVariablesResolver = (mantine) => {
  const light: Record<string, string> = { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' };
  for (const c of LIGHT_ACCENTS) {
    const strong = c === 'orange' ? DARK_ORANGE : mantine.colors[c][9];
    light[`--mantine-color-${c}-filled`] = strong;
    light[`--mantine-color-${c}-filled-hover`] = darken(strong, 0.15);
    light[`--mantine-color-${c}-outline`] = strong;
    light[`--mantine-color-${c}-light`] = `var(--mantine-color-${c}-0)`;
    light[`--mantine-color-${c}-light-hover`] = `var(--mantine-color-${c}-1)`;
    light[`--mantine-color-${c}-light-color`] = strong;
    light[`--mantine-color-${c}-text`] = strong;
  }
  return {
    variables: {},
    light,
    dark: {
      '--mantine-color-dimmed': 'var(--mantine-color-dark-1)',
      '--mantine-color-anchor': 'var(--mantine-color-jalon-3)',
    },
  };
};
