import { describe, expect, it } from 'vitest';
import { es } from '../../app/i18n';
import { RANKING_COLUMNS } from './Categories';
import { PROGRESS_COLUMNS } from './PlanView';
import { VERDICTS } from './ShouldIBuy';

describe('the budgets screen in Spanish', () => {
  it('translates the words built from tables and the API’s values', () => {
    const words = [...PROGRESS_COLUMNS, ...RANKING_COLUMNS, ...Object.values(VERDICTS)];
    expect(words.filter((word) => !(word in es))).toEqual([]);
  });
});
