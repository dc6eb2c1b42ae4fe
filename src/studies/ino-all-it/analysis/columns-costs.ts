// Codebook entries of analysis.csv, part 3: costs per patient by category (CL_COSTCAT), by care phase and in total.

import { col } from './columns-base';
import type { AnalysisColumn } from '../../../core/modules/analysis';

const CATEGORIES: readonly (readonly [string, string])[] = [
  ['Inotuzumab', 'Inotuzumab'],
  ['Other anti-leukaemic drugs', 'Altri farmaci antileucemici'],
  ['Supportive drugs (anti-infectives, G-CSF, antiemetics)', 'Farmaci di supporto'],
  ['Defibrotide', 'Defibrotide'],
  ['Blood components', 'Emocomponenti'],
  ['Ordinary ward stay', 'Degenza ordinaria'],
  ['Intensive care stay', 'Degenza in terapia intensiva'],
  ['Day hospital or day-service access', 'Accesso in day hospital o day service'],
  ['Outpatient visit', 'Visita ambulatoriale'],
  ['Laboratory incl. MRD, cytogenetics, molecular', 'Laboratorio incl. MRD, citogenetica, molecolare'],
  ['Imaging', 'Diagnostica per immagini'],
  ['Procedures (marrow aspirate/biopsy, lumbar puncture, paracentesis, CVC)', 'Procedure'],
  ['HSCT episode', 'Episodio di trapianto'],
  ['CAR-T episode', 'Episodio CAR-T'],
  ['Other', 'Altro'],
];

const PHASES: readonly (readonly [string, string])[] = [
  ['Inotuzumab treatment', 'Trattamento con inotuzumab'],
  ['SOS/VOD management', 'Gestione SOS/VOD'],
  ['Other AE management', 'Gestione altri EA'],
  ['HSCT', 'Trapianto'],
  ['Follow-up', 'Follow-up'],
];

const ITEM = 'ru_cost = ru_quantity × unit cost (the record’s ru_unit_cost, else the unit-cost table default for ru_item), EUR at the record’s ru_price_year (no inflation adjustment unless a price index is configured; crf-spec §4)';
const EUR = { unit: 'EUR' };

export const COST_COLUMNS: readonly AnalysisColumn[] = [
  ...CATEGORIES.map(([en, it], i) =>
    col(`cost_cat_${i + 1}`, `Cost: ${en}`, `Costo: ${it}`, 'decimal', `Σ ${ITEM} over F11 records with ru_category = ${i + 1}; 0 when none; 2 decimals.`, EUR),
  ),
  ...PHASES.map(([en, it], i) => col(`cost_phase_${i + 1}`, `Cost, phase: ${en}`, `Costo, fase: ${it}`, 'decimal', `Σ ${ITEM} over F11 records with ru_phase = ${i + 1} (crf-spec §4 cost_by_phase); 2 decimals.`, EUR)),
  col('cost_total', 'Total cost', 'Costo totale', 'decimal', `cost_total = Σ ${ITEM} over all valued F11 records; 2 decimals.`, EUR),
  col('cost_n_unvalued', 'Resource records without a cost', 'Voci di risorse senza costo', 'integer', 'F11 records left out of the sums: no quantity, no unit cost in the record or the table, or no price index for their year.'),
  col('cost_ino_list_b', 'Inotuzumab at list price (scenario B)', 'Inotuzumab a prezzo di listino (scenario B)', 'decimal', 'Scenario B = vials × INO_VIAL_LIST table default (ex-factory, VAT excluded; crf-spec §4–5); scenario A (paid) is cost_cat_1 as recorded (0 for compassionate supply).', EUR),
  col('cost_total_b', 'Total cost, scenario B', 'Costo totale, scenario B', 'decimal', 'cost_total − cost_cat_1 + cost_ino_list_b: recorded inotuzumab costs replaced by the list-price valuation.', EUR),
  col('cost_per_month_fu', 'Cost per month of follow-up', 'Costo per mese di follow-up', 'decimal', 'cost_per_month_fu = cost_total ÷ ((last_contact_date − C1D1) ÷ 30.4375) (crf-spec §4); blank with no follow-up after C1D1.', { unit: 'EUR/month' }),
];
