// i18next set-up: Italian by default, English on request; both resource files are bundled (no network).

import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Lang } from '../../shared/study/localized';
import en from './en.json';
import it from './it.json';

export const resources = { it: { translation: it }, en: { translation: en } } as const;

export function createI18n(lang: Lang = 'it'): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: lang,
    fallbackLng: 'it',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  return instance;
}

export function isLang(value: string | undefined): value is Lang {
  return value === 'it' || value === 'en';
}
