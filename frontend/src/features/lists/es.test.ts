import { describe, expect, it } from 'vitest';
import type { components } from '../../api/schema';
import { es } from '../../app/i18n';
import { LIST_TYPES } from './NewList';

const AISLES: components['schemas']['AisleEnum'][] = [
  'Produce',
  'Dairy',
  'Bakery',
  'Meat & Fish',
  'Frozen',
  'Pantry',
  'Beverages',
  'Household',
  'Personal Care',
  'Other',
];

describe('the words the server sends for lists', () => {
  it('has Spanish for every aisle and kind of list', () => {
    const keys = [...AISLES, ...LIST_TYPES.map(([, label]) => label)];
    expect(keys.filter((key) => !(key in es))).toEqual([]);
  });
});
