// The 18 columns of a REDCap data dictionary, spelt exactly as REDCap writes its header.

export const REDCAP_COLUMNS = [
  'Variable / Field Name',
  'Form Name',
  'Section Header',
  'Field Type',
  'Field Label',
  'Choices, Calculations, OR Slider Labels',
  'Field Note',
  'Text Validation Type OR Show Slider Number',
  'Text Validation Min',
  'Text Validation Max',
  'Identifier?',
  'Branching Logic (Show field only if...)',
  'Required Field?',
  'Custom Alignment',
  'Question Number (surveys only)',
  'Matrix Group Name',
  'Matrix Ranking?',
  'Field Annotation',
] as const;

export type RedcapColumn = (typeof REDCAP_COLUMNS)[number];
export type RedcapRow = Partial<Record<RedcapColumn, string>>;

export function rowCells(row: RedcapRow): string[] {
  return REDCAP_COLUMNS.map((c) => row[c] ?? '');
}
