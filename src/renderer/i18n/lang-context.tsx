// The UI language and its translate function, subscribed to once at the top and shared by context: a form
// renders ~50 fields with several translated parts each, and a useTranslation() per part costs a language
// subscription and a wrapper of the i18n instance each (measured: a fifth of a form's first render).

import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Lang } from '../../shared/study/localized';

interface LangValue {
  readonly lang: Lang;
  readonly t: TFunction;
}

const LangContext = createContext<LangValue | null>(null);

export function LangProvider({ children }: { children: ReactNode }): ReactNode {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'it';
  const value = useMemo(() => ({ lang, t }), [lang, t]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

function useLangValue(): LangValue {
  const value = useContext(LangContext);
  if (!value) throw new Error('useLang/useT outside LangProvider');
  return value;
}

/** The current UI language as the study's Lang ('it' | 'en'). */
export function useLangFromContext(): Lang {
  return useLangValue().lang;
}

/** The translate function of the current language (re-renders the caller when the language changes). */
export function useT(): { t: TFunction } {
  const { t } = useLangValue();
  return useMemo(() => ({ t }), [t]);
}
