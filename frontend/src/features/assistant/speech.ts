/**
 * The browser's own speech services (Web Speech API): recognition for "Speak", synthesis
 * for "Read replies aloud". Nothing is sent to our server but the recognised text.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

interface Recognition {
  lang: string;
  interimResults: boolean;
  maxAlternatives: number;
  onresult: ((event: { results: ArrayLike<ArrayLike<{ transcript: string }>> }) => void) | null;
  onend: (() => void) | null;
  onerror: (() => void) | null;
  start: () => void;
  stop: () => void;
}
type RecognitionClass = new () => Recognition;

/** The browser's recognition class, or null where it has none (then "Speak" is hidden). */
export function recognitionClass(scope: unknown = globalThis): RecognitionClass | null {
  const w = scope as {
    SpeechRecognition?: RecognitionClass;
    webkitSpeechRecognition?: RecognitionClass;
  };
  return w.SpeechRecognition ?? w.webkitSpeechRecognition ?? null;
}

/** Listen once in `lang`; `onText` gets what was said. */
export function useSpeechInput(lang: string, onText: (text: string) => void) {
  const [listening, setListening] = useState(false);
  const current = useRef<Recognition | null>(null);
  const Class = recognitionClass();
  const toggle = useCallback(() => {
    if (!Class) return;
    if (current.current) return current.current.stop();
    const recognition = new Class();
    recognition.lang = lang;
    recognition.interimResults = false;
    recognition.maxAlternatives = 1;
    recognition.onresult = (event) => {
      const text = event.results[0]?.[0]?.transcript ?? '';
      if (text.trim()) onText(text.trim());
    };
    recognition.onend = recognition.onerror = () => {
      current.current = null;
      setListening(false);
    };
    current.current = recognition;
    setListening(true);
    recognition.start();
  }, [Class, lang, onText]);
  useEffect(() => () => current.current?.stop(), []);
  return { supported: !!Class, listening, toggle };
}

const READ_ALOUD_KEY = 'mysphere.readAloud';

/** "Read replies aloud", remembered on this device; `say` speaks when it is on. */
export function useReadAloud(lang: string) {
  const supported = typeof speechSynthesis !== 'undefined';
  const [on, setOn] = useState(() => localStorage.getItem(READ_ALOUD_KEY) === 'true');
  const change = (next: boolean) => {
    localStorage.setItem(READ_ALOUD_KEY, String(next));
    setOn(next);
    if (!next && supported) speechSynthesis.cancel();
  };
  const say = (text: string) => {
    if (!on || !supported || !text) return;
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = lang;
    speechSynthesis.speak(utterance);
  };
  return { supported, on, change, say };
}
