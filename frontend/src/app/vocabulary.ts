/** Words the API sends as values that a person reads: translated like any other text. */
export const SYSTEM_CATEGORIES = [
  'Food & Dining',
  'Groceries',
  'Shopping',
  'Travel',
  'Entertainment',
  'Utilities',
  'Health',
  'Education',
  'Other',
] as const;
export const PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export const DIRECTIONS = ['lent', 'borrowed'] as const;
