// The current UI language as the study's Lang ('it' | 'en').

import { useTranslation } from 'react-i18next';
import type { Lang } from '../../shared/study/localized';

export function useLang(): Lang {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'it';
}
