// The 26 MedDRA SOCs of the CTCAE v5.0 list, slugged by MedDRA's SOC abbreviations to keep column names ≤ 32 characters.

export interface Soc {
  readonly name: string;
  readonly slug: string;
  /** Italian MedDRA SOC name (proposal for review, as every Italian label of crf-spec §2.0). */
  readonly it: string;
}

export const CTCAE_SOCS: readonly Soc[] = [
  { name: 'Blood and lymphatic system disorders', slug: 'blood', it: 'Patologie del sistema emolinfopoietico' },
  { name: 'Cardiac disorders', slug: 'card', it: 'Patologie cardiache' },
  { name: 'Congenital, familial and genetic disorders', slug: 'cong', it: 'Patologie congenite, familiari e genetiche' },
  { name: 'Ear and labyrinth disorders', slug: 'ear', it: "Patologie dell'orecchio e del labirinto" },
  { name: 'Endocrine disorders', slug: 'endo', it: 'Patologie endocrine' },
  { name: 'Eye disorders', slug: 'eye', it: "Patologie dell'occhio" },
  { name: 'Gastrointestinal disorders', slug: 'gastr', it: 'Patologie gastrointestinali' },
  { name: 'General disorders and administration site conditions', slug: 'genrl', it: 'Patologie generali e condizioni relative alla sede di somministrazione' },
  { name: 'Hepatobiliary disorders', slug: 'hepat', it: 'Patologie epatobiliari' },
  { name: 'Immune system disorders', slug: 'immun', it: 'Disturbi del sistema immunitario' },
  { name: 'Infections and infestations', slug: 'infec', it: 'Infezioni ed infestazioni' },
  { name: 'Injury, poisoning and procedural complications', slug: 'injp', it: 'Traumatismi, intossicazioni e complicazioni da procedura' },
  { name: 'Investigations', slug: 'inv', it: 'Esami diagnostici' },
  { name: 'Metabolism and nutrition disorders', slug: 'metab', it: 'Disturbi del metabolismo e della nutrizione' },
  { name: 'Musculoskeletal and connective tissue disorders', slug: 'musc', it: 'Patologie del sistema muscoloscheletrico e del tessuto connettivo' },
  { name: 'Neoplasms benign, malignant and unspecified (incl cysts and polyps)', slug: 'neopl', it: 'Tumori benigni, maligni e non specificati (incl. cisti e polipi)' },
  { name: 'Nervous system disorders', slug: 'nerv', it: 'Patologie del sistema nervoso' },
  { name: 'Pregnancy, puerperium and perinatal conditions', slug: 'preg', it: 'Condizioni di gravidanza, puerperio e perinatali' },
  { name: 'Psychiatric disorders', slug: 'psych', it: 'Disturbi psichiatrici' },
  { name: 'Renal and urinary disorders', slug: 'renal', it: 'Patologie renali e urinarie' },
  { name: 'Reproductive system and breast disorders', slug: 'repro', it: "Patologie dell'apparato riproduttivo e della mammella" },
  { name: 'Respiratory, thoracic and mediastinal disorders', slug: 'resp', it: 'Patologie respiratorie, toraciche e mediastiniche' },
  { name: 'Skin and subcutaneous tissue disorders', slug: 'skin', it: 'Patologie della cute e del tessuto sottocutaneo' },
  { name: 'Social circumstances', slug: 'socci', it: 'Circostanze sociali' },
  { name: 'Surgical and medical procedures', slug: 'surg', it: 'Procedure mediche e chirurgiche' },
  { name: 'Vascular disorders', slug: 'vasc', it: 'Patologie vascolari' },
];

export const socColumn = (soc: Soc): string => `ae_max_grade_soc_${soc.slug}`;
