// F11 costs: choosing a category narrows the items; choosing an item proposes its unit, default cost and price year.

import { loadBuiltInStudy } from '../../core/study/built-in';
import { isUnitCostField, itemsOfCategory, proposalsOf } from './unit-cost-item';

const study = loadBuiltInStudy('ino-all-it').compiled;
const item = study.field('ru', 'ru_item')!;
const table = study.definition.unitCosts;
const field = item.field;
if (!isUnitCostField(field)) throw new Error('ru_item chooses a unit-cost item');
const codes = (category: string, current = ''): string[] => itemsOfCategory(field, item.choices ?? [], table, category, current).map((c) => c.code);
const choicesOf = (target: string) => study.field('ru', target)?.choices;

describe('choosing an item of the unit-cost table', () => {
  it('offers only the items of the chosen category, and Other, and every item while no category is chosen', () => {
    const inotuzumab = codes('1');
    expect(inotuzumab).toEqual(expect.arrayContaining(['INO_VIAL_LIST', 'INO_VIAL_PUBLIC', 'INO_VIAL_CU', 'OTHER']));
    expect(inotuzumab).not.toContain('BED_HAEM');
    expect(inotuzumab).not.toContain('DEFIB_VIAL');
    expect(codes('')).toHaveLength(item.choices!.length);
  });

  it('keeps an item already chosen visible after the category changes, so its problem can be seen', () => {
    expect(codes('1', 'BED_HAEM')).toContain('BED_HAEM');
  });

  it('proposes the item’s unit, default unit cost (with the reader’s decimal mark) and price year', () => {
    expect(proposalsOf(field, table, 'INO_VIAL_LIST', 'it', choicesOf)).toEqual({ ru_unit: '1', ru_unit_cost: '11590,03', ru_price_year: '2018' });
    expect(proposalsOf(field, table, 'INO_VIAL_LIST', 'en', choicesOf)).toMatchObject({ ru_unit_cost: '11590.03' });
    expect(proposalsOf(field, table, 'OTHER', 'it', choicesOf)).toEqual({});
  });
});
