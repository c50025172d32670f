import { describe, expect, it } from 'vitest';
import { amountText, groupByAisle, type Item } from './aisles';

const item = (name: string, aisle: string, is_checked = false) =>
  ({ item_id: name.length, name, aisle, is_checked, quantity: '1', unit: '' }) as Item;

describe('groupByAisle', () => {
  const items = [
    item('bananas', 'Produce'),
    item('apples', 'Produce', true),
    item('milk', 'Dairy'),
    item('gizmo', ''),
  ];

  it('keeps the store-walk order and each aisle together', () => {
    expect(groupByAisle(items, false).map((g) => [g.aisle, g.items.map((i) => i.name)])).toEqual([
      ['Produce', ['bananas', 'apples']],
      ['Dairy', ['milk']],
      ['', ['gizmo']],
    ]);
  });

  it('sinks the checked items to the cart in shopping mode', () => {
    expect(groupByAisle(items, true).map((g) => [g.aisle, g.items.map((i) => i.name)])).toEqual([
      ['Produce', ['bananas']],
      ['Dairy', ['milk']],
      ['', ['gizmo']],
      ['cart', ['apples']],
    ]);
  });
});

describe('amountText', () => {
  it('says nothing for one, the count or the measure otherwise', () => {
    expect(amountText({ quantity: '1', unit: '' })).toBe('');
    expect(amountText({ quantity: '3', unit: '' })).toBe('× 3');
    expect(amountText({ quantity: '0.5', unit: 'kg' })).toBe('0.5 kg');
  });
});
