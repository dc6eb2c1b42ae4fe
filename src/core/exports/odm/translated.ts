// ODM TranslatedText children for texts in the study's two languages (or in English only).

import type { Localized } from '../../../shared/study/localized';
import { el, textEl } from './xml';

/** TranslatedText in English and Italian; an English-only text gets one element. */
export function translated(text: Localized | { readonly en: string; readonly it?: string }): string {
  return textEl('TranslatedText', [['xml:lang', 'en']], text.en) + (text.it !== undefined ? textEl('TranslatedText', [['xml:lang', 'it']], text.it) : '');
}

/** A Description, Question, Decode … element holding translated texts. */
export function translatedEl(name: string, text: Localized | { readonly en: string; readonly it?: string }): string {
  return el(name, [], translated(text));
}
