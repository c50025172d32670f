import { describe, expect, it } from 'vitest';
import type { Loan } from './balance';
import { splitBody, yourShare } from './split';

describe('splitBody', () => {
  it('sends names only for equal shares, leaving blank rows out', () => {
    const body = splitBody({
      mode: 'equal',
      people: [
        { name: ' Sam ', share: '5' },
        { name: '', share: '' },
        { name: 'Alex', share: '' },
      ],
      due_date: '',
    });
    expect(body).toEqual({ with: [{ name: 'Sam' }, { name: 'Alex' }], equal: true });
  });

  it('sends each share and the due date for amounts', () => {
    const body = splitBody({
      mode: 'amounts',
      people: [{ name: 'Sam', share: ' 12.50 ' }],
      due_date: '2026-12-31',
    });
    expect(body).toEqual({ with: [{ name: 'Sam', share: '12.50' }], due_date: '2026-12-31' });
  });
});

describe('yourShare', () => {
  it('is the amount less earlier and new shares, to the cent', () => {
    const loans = [{ amount: '33.33' }, { amount: '33.33' }] as Loan[];
    expect(yourShare('100.00', '0.00', loans)).toBe('33.34');
    expect(yourShare('90.00', '10.00', [{ amount: '20.00' }] as Loan[])).toBe('60.00');
  });
});
