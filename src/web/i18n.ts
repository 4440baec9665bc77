import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../contracts/auth.ts';
import { en, fr } from './locales/index.ts';

const STORAGE_KEY = 'jalon.locale';

/** The language to start with: the last one chosen here, else the browser's, else French. */
export function initialLocale(): Locale {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'fr' || stored === 'en') return stored;
  for (const lang of navigator.languages) {
    const base = lang.slice(0, 2).toLowerCase();
    if (base === 'fr' || base === 'en') return base;
  }
  return 'fr';
}

export function currentLocale(): Locale {
  return i18n.language === 'en' ? 'en' : 'fr';
}

/** Switches the language of the whole app and remembers it on this browser. */
export async function changeLocale(locale: Locale): Promise<void> {
  localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
  await i18n.changeLanguage(locale);
}

export async function initI18n(locale: Locale = initialLocale()): Promise<typeof i18n> {
  document.documentElement.lang = locale;
  await i18n.use(initReactI18next).init({
    resources: { fr: { translation: fr }, en: { translation: en } },
    lng: locale,
    fallbackLng: 'fr',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18n;
}
