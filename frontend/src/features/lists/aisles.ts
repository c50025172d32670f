/** Items under aisle headings, in the store-walk order the server sorts them in. */
import type { components } from '../../api/schema';

export type Item = components['schemas']['ListItem'];
export type ShoppingList = components['schemas']['List'];

export interface Group {
  /** The aisle's name, "" for items no aisle is known for, or "cart" for checked ones. */
  aisle: string;
  items: Item[];
}

/**
 * Group the items by aisle keeping the server's order. In shopping mode the checked
 * items sink: they leave their aisles for one "cart" group at the end.
 */
export function groupByAisle(items: Item[], shopping: boolean): Group[] {
  const groups = new Map<string, Item[]>();
  const cart: Item[] = [];
  for (const item of items) {
    if (shopping && item.is_checked) {
      cart.push(item);
      continue;
    }
    const aisle = item.aisle || '';
    groups.set(aisle, [...(groups.get(aisle) ?? []), item]);
  }
  const out = [...groups.entries()].map(([aisle, list]) => ({ aisle, items: list }));
  if (cart.length) out.push({ aisle: 'cart', items: cart });
  return out;
}

/** "2 l", "500 g", "3": the quantity and unit a person reads ("" for a single one). */
export function amountText(item: Pick<Item, 'quantity' | 'unit'>): string {
  if (item.quantity === '1' && !item.unit) return '';
  return item.unit ? `${item.quantity} ${item.unit}` : `× ${item.quantity}`;
}
