import { describe, expect, it } from 'vitest';
import { es } from '../../app/i18n';
import { PAYMENT_METHODS } from './filters';
import { IMPORT_WORDS } from './ImportWizard';

describe('the expenses screens in Spanish', () => {
  it('translate the words built from the API’s values', () => {
    const words = [...PAYMENT_METHODS, ...IMPORT_WORDS, 'Enter an amount.', 'Choose a currency.'];
    expect(words.filter((word) => !(word in es))).toEqual([]);
  });
});
