// The 26 MedDRA SOCs of the CTCAE v5.0 list, slugged by MedDRA's SOC abbreviations to keep column names ≤ 32 characters;
// their Italian names come from the study's CTCAE translation (ctcae-it.json), the one list the form and the report share.

import { join } from 'node:path';
import { builtInStudyDir } from '../../../core/resources';
import { readCtcaeTranslation } from '../../../core/study/ctcae-reference';

export interface Soc {
  readonly name: string;
  readonly slug: string;
  /** Italian MedDRA SOC name (proposal for review, as every Italian label of crf-spec §2.0). */
  readonly it: string;
}

const SOCS: readonly Omit<Soc, 'it'>[] = [
  { name: 'Blood and lymphatic system disorders', slug: 'blood' },
  { name: 'Cardiac disorders', slug: 'card' },
  { name: 'Congenital, familial and genetic disorders', slug: 'cong' },
  { name: 'Ear and labyrinth disorders', slug: 'ear' },
  { name: 'Endocrine disorders', slug: 'endo' },
  { name: 'Eye disorders', slug: 'eye' },
  { name: 'Gastrointestinal disorders', slug: 'gastr' },
  { name: 'General disorders and administration site conditions', slug: 'genrl' },
  { name: 'Hepatobiliary disorders', slug: 'hepat' },
  { name: 'Immune system disorders', slug: 'immun' },
  { name: 'Infections and infestations', slug: 'infec' },
  { name: 'Injury, poisoning and procedural complications', slug: 'injp' },
  { name: 'Investigations', slug: 'inv' },
  { name: 'Metabolism and nutrition disorders', slug: 'metab' },
  { name: 'Musculoskeletal and connective tissue disorders', slug: 'musc' },
  { name: 'Neoplasms benign, malignant and unspecified (incl cysts and polyps)', slug: 'neopl' },
  { name: 'Nervous system disorders', slug: 'nerv' },
  { name: 'Pregnancy, puerperium and perinatal conditions', slug: 'preg' },
  { name: 'Psychiatric disorders', slug: 'psych' },
  { name: 'Renal and urinary disorders', slug: 'renal' },
  { name: 'Reproductive system and breast disorders', slug: 'repro' },
  { name: 'Respiratory, thoracic and mediastinal disorders', slug: 'resp' },
  { name: 'Skin and subcutaneous tissue disorders', slug: 'skin' },
  { name: 'Social circumstances', slug: 'socci' },
  { name: 'Surgical and medical procedures', slug: 'surg' },
  { name: 'Vascular disorders', slug: 'vasc' },
];

// Read once, when the module loads: the codebook's column labels are built from it at import.
const ITALIAN = readCtcaeTranslation(join(builtInStudyDir('ino-all-it'), 'ctcae-it.json'), 'it').socs;

export const CTCAE_SOCS: readonly Soc[] = SOCS.map((soc) => ({ ...soc, it: ITALIAN[soc.name] ?? soc.name }));

export const socColumn = (soc: Soc): string => `ae_max_grade_soc_${soc.slug}`;
