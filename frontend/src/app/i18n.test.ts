import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { es } from './i18n';
import { NAV } from './Shell';
import { understood } from './understood';
import { DIRECTIONS, PRIORITIES, SYSTEM_CATEGORIES } from './vocabulary';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Every literal key passed to t('…') in the app's code. */
function literalKeys(): string[] {
  const keys = new Set<string>();
  for (const file of sources(join(import.meta.dirname, '..'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'((?:[^'\\]|\\.)*)'/g)) {
      keys.add(match[1]!.replace(/\\'/g, "'"));
    }
  }
  return [...keys];
}

describe('Spanish', () => {
  it('translates every key the code uses', () => {
    const labels = understood(
      {
        amount: '1',
        currency: 'USD',
        title: 'x',
        name: 'x',
        vendor: 'x',
        category: 'x',
        counterparty: 'x',
        direction: 'lent',
        billing_cycle: 'x',
        priority: 'low',
        list_name: 'x',
        due_time: 'x',
        date: '2026-01-01',
        due_date: '2026-01-01',
        next_billing_date: '2026-01-01',
        items: ['x'],
      },
      'en',
      (key) => key,
    ).map((row) => row.label);
    const dynamic = [
      ...NAV.map((item) => item.label),
      ...labels,
      ...SYSTEM_CATEGORIES,
      ...PRIORITIES,
      ...DIRECTIONS,
    ];
    const missing = [...literalKeys(), ...dynamic].filter((key) => !(key in es));
    expect(missing).toEqual([]);
  });

  it('keeps every placeholder of the English text', () => {
    for (const [key, text] of Object.entries(es)) {
      const wanted = key.match(/{{\w+}}/g) ?? [];
      for (const placeholder of wanted) expect(text, key).toContain(placeholder);
    }
  });
});
