import { describe, expect, it } from 'vitest';
import { headerColumns, splitLine } from './csv';

describe('a CSV header', () => {
  it('splits quoted cells', () => {
    expect(splitLine('Date,"Payee, Inc","He said ""hi"""', ',')).toEqual([
      'Date',
      'Payee, Inc',
      'He said "hi"',
    ]);
  });

  it('is read on the line the import detected, after a bank preamble', () => {
    const text =
      '\uFEFFAccount;123\r\n\r\nBuchung;Betrag;Auftraggeber\r\n01.11.2026;-4,50;REWE\r\n';
    expect(headerColumns(text, 3, ';')).toEqual(['Buchung', 'Betrag', 'Auftraggeber']);
  });
});
