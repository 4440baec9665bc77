import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_ENTITIES } from '../../contracts/audit.ts';
import { ERROR_CODES } from '../../core/errors.ts';
import { en, fr } from './index.ts';

/** Every leaf key of a nested translation object, as `a.b.c`. */
function keysOf(node: object, prefix = ''): string[] {
  return Object.entries(node).flatMap(([key, value]) =>
    value !== null && typeof value === 'object'
      ? keysOf(value as object, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

describe('locales', () => {
  it('have the same keys in French and English', () => {
    expect(keysOf(en).sort()).toEqual(keysOf(fr).sort());
  });

  it('translate every error code of the API', () => {
    for (const locale of [fr, en]) {
      const keys = new Set(keysOf(locale));
      const missing = ERROR_CODES.filter((code) => !keys.has(`errors.${code}`));
      expect(missing).toEqual([]);
    }
  });

  it('name every audited entity type and action (the audit log and its filters show them)', () => {
    for (const locale of [fr, en]) {
      const keys = new Set(keysOf(locale));
      const missing = [
        ...AUDIT_ENTITIES.map((e) => `audit.entities.${e}`),
        ...AUDIT_ACTIONS.map((a) => `audit.actions.${a}`),
      ].filter((key) => !keys.has(key));
      expect(missing).toEqual([]);
    }
  });

  it('leave no translation empty', () => {
    for (const locale of [fr, en]) {
      const empty = keysOf(locale).filter((key) => {
        const value = key
          .split('.')
          .reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], locale);
        return typeof value !== 'string' || value.trim() === '';
      });
      expect(empty).toEqual([]);
    }
  });
});

describe('plurals follow the figure shown', () => {
  it('« 1,9 an », « 2,2 ans », « 1.5 years »: the payback period', async () => {
    const { default: i18next } = await import('i18next');
    const i = i18next.createInstance();
    await i.init({ lng: 'fr', resources: { fr: { translation: fr }, en: { translation: en } } });
    const payback = (count: number, n: string) => i.t('strategy.bc.paybackIn.year', { count, n });
    expect(payback(1.9, '1,9')).toBe('1,9 an');
    expect(payback(2.2, '2,2')).toBe('2,2 ans');
    expect(payback(0.5, '0,5')).toBe('0,5 an');
    await i.changeLanguage('en');
    expect(payback(1, '1')).toBe('1 year');
    expect(payback(1.5, '1.5')).toBe('1.5 years');
  });
});
