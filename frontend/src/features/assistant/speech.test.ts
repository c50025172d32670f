import { describe, expect, it } from 'vitest';
import { recognitionClass } from './speech';

describe('Speak', () => {
  it('uses the standard or the prefixed recognition, and is hidden without either', () => {
    class Standard {}
    class Prefixed {}
    expect(
      recognitionClass({ SpeechRecognition: Standard, webkitSpeechRecognition: Prefixed }),
    ).toBe(Standard);
    expect(recognitionClass({ webkitSpeechRecognition: Prefixed })).toBe(Prefixed);
    expect(recognitionClass({})).toBeNull();
  });
});
