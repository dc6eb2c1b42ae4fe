// i18next set-up over the app's message catalogue: Italian by default, English on request; bundled (no network).

import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Lang } from '../../shared/study/localized';
import { CATALOGUE } from '../../shared/i18n/catalogue';

/** The app's one catalogue; the renderer's own texts are its `ui` namespace. */
export const resources = CATALOGUE;

export function createI18n(lang: Lang = 'it'): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: lang,
    fallbackLng: 'it',
    ns: ['ui', 'errors'],
    defaultNS: 'ui',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  return instance;
}

export function isLang(value: string | undefined): value is Lang {
  return value === 'it' || value === 'en';
}
