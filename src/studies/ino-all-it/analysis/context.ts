// Builds the derivation context from a study definition: parameters (overridable), unit-cost table, CTCAE SOC lookup.

import type { StudyDefinition } from '../../../shared/study/definition.schema';
import type { AnalysisContext, PriceIndex } from './types';

export function analysisContext(
  definition: StudyDefinition,
  overrides: Readonly<Record<string, string | number | null>> = {},
  priceIndex?: PriceIndex,
): AnalysisContext {
  const param = (name: string): string | number | null => {
    if (Object.hasOwn(overrides, name)) return overrides[name] ?? null;
    return definition.parameters.find((p) => p.name === name)?.value ?? null;
  };
  const cutoff = param('data_cutoff');
  const vialMg = param('vial_mg_deliverable');
  const sharing = param('vial_sharing');
  const bsaDecimals = param('bsa_dose_decimals');
  const ctcae = definition.references.ctcae;
  return {
    params: {
      data_cutoff: typeof cutoff === 'string' && cutoff !== '' ? cutoff : null,
      vial_mg_deliverable: typeof vialMg === 'number' ? vialMg : Number(vialMg ?? 0.9) || 0.9,
      vial_sharing: Number(sharing ?? 0) === 1 ? 1 : 0,
      bsa_dose_decimals: bsaDecimals === null || bsaDecimals === '' || !Number.isInteger(Number(bsaDecimals)) || Number(bsaDecimals) < 0 ? null : Number(bsaDecimals),
    },
    unitCosts: definition.unitCosts,
    ctcaeSoc: new Map((ctcae?.entries ?? []).flatMap((e) => (e.attributes.soc ? [[e.key, e.attributes.soc] as const] : []))),
    ...(priceIndex ? { priceIndex } : {}),
  };
}
