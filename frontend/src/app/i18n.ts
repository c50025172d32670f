/**
 * English and Spanish. Keys are the English text (so English is complete by
 * construction); `locales/es.ts` (the shell's words) and each feature's
 * `features/<feature>/es.ts` translate every key, checked by a unit test.
 * The language comes from the browser until the user picks one in Settings.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { es as appEs } from './locales/es';

const featureEs = import.meta.glob<Record<string, string>>('../features/*/es.ts', {
  eager: true,
  import: 'es',
});
/** Every Spanish string: the shell's and each feature's. */
export const es: Record<string, string> = Object.assign({}, appEs, ...Object.values(featureEs));

export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];
const KEY = 'mysphere.language';

function initialLanguage(): Language {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY);
  if (saved === 'en' || saved === 'es') return saved;
  const browser =
    typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  return browser.some((tag) => tag?.toLowerCase().startsWith('es')) ? 'es' : 'en';
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: {} }, es: { translation: es } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
  returnEmptyString: false,
});

function applyLang(lng: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
}
applyLang(i18n.language);
i18n.on('languageChanged', applyLang);

/** Switch and remember the language on this device. */
export function setLanguage(language: Language): void {
  localStorage.setItem(KEY, language);
  void i18n.changeLanguage(language);
}

export default i18n;
