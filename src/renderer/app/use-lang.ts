// The current UI language as the study's Lang ('it' | 'en'), from the one language subscription at the top.

export { useLangFromContext as useLang } from '../i18n/lang-context';
