// The Methods section, last in every report: the study module's notes on its own sections, then the generic ones.

import type { ReportSection } from '../../shared/report/report-document';
import type { MethodsNote } from '../modules/report';
import { paragraph, section } from './blocks';
import { reportText } from './labels';
import type { ReportLang } from './types';

const GENERIC_NOTES = ['quality', 'queries', 'missing', 'fields'] as const;

export function methodsSection(moduleNotes: readonly MethodsNote[], lang: ReportLang): ReportSection {
  const notes: MethodsNote[] = [
    ...moduleNotes,
    ...GENERIC_NOTES.map((key) => ({ title: reportText(lang, `methods.${key}.title`), text: reportText(lang, `methods.${key}.text`) })),
  ];
  return section('methods', reportText(lang, 'sections.methods'), 'generic', notes.map((n) => paragraph(n.text, n.title)), null);
}
