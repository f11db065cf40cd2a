import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { useCallback } from 'react';
import en from './locales/en.json';
import { setApiLanguage } from '../api/client';

export const LANGUAGES = [
  { code: 'en', name: 'English', dir: 'ltr' },
  { code: 'fr', name: 'Français', dir: 'ltr' },
  { code: 'de', name: 'Deutsch', dir: 'ltr' },
  { code: 'uk', name: 'Українська', dir: 'ltr' },
  { code: 'ar', name: 'العربية', dir: 'rtl' },
] as const;

export type LanguageCode = (typeof LANGUAGES)[number]['code'];

const STORAGE_KEY = 'localpact.language';

// A feature may keep its own strings in features/<capability>/locales/<language>.json (the same
// keys in every language, checked by locales.test.ts); they are merged over these catalogues, so a
// new capability touches no file outside its folder for its words.
const featureEnglish = import.meta.glob<{ default: Record<string, unknown> }>('../features/*/locales/en.json', { eager: true });
const featureLoaders = import.meta.glob<{ default: Record<string, unknown> }>(['../features/*/locales/*.json', '!../features/*/locales/en.json']);

async function addFeatureStrings(code: LanguageCode): Promise<void> {
  const bundles = code === 'en'
    ? Object.values(featureEnglish)
    : await Promise.all(Object.entries(featureLoaders).filter(([path]) => path.endsWith(`/${code}.json`)).map(([, load]) => load()));
  for (const b of bundles) i18n.addResourceBundle(code, 'translation', b.default, true, true);
}

// English is bundled (it is also the fallback); the others load on demand.
const loaders: Record<Exclude<LanguageCode, 'en'>, () => Promise<{ default: Record<string, unknown> }>> = {
  fr: () => import('./locales/fr.json'),
  de: () => import('./locales/de.json'),
  uk: () => import('./locales/uk.json'),
  ar: () => import('./locales/ar.json'),
};

export function isSupported(code: string | null | undefined): code is LanguageCode {
  return !!code && LANGUAGES.some((l) => l.code === code);
}

/** "uk-UA" → "uk"; unknown → null. */
export function toSupported(code: string | null | undefined): LanguageCode | null {
  if (!code) return null;
  const base = code.toLowerCase().split(/[-_]/)[0];
  return isSupported(base) ? base : null;
}

export function directionOf(code: string): 'ltr' | 'rtl' {
  return LANGUAGES.find((l) => l.code === code)?.dir ?? 'ltr';
}

export function storedLanguage(): LanguageCode | null {
  try {
    return toSupported(localStorage.getItem(STORAGE_KEY));
  } catch {
    return null;
  }
}

function remember(code: LanguageCode): void {
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
}

function applyToDocument(code: string): void {
  const html = document.documentElement;
  html.lang = code;
  html.dir = directionOf(code);
  setApiLanguage(code);
}

async function ensureLoaded(code: LanguageCode): Promise<void> {
  if (code === 'en' || i18n.hasResourceBundle(code, 'translation')) return;
  const module = await loaders[code]();
  i18n.addResourceBundle(code, 'translation', module.default, true, true);
  await addFeatureStrings(code);
}

/** Switch the UI language; `persist` remembers it in this browser. */
export async function setLanguage(code: LanguageCode, persist = true): Promise<void> {
  if (persist) remember(code);
  await ensureLoaded(code);
  await i18n.changeLanguage(code);
}

function initialLanguage(): LanguageCode {
  const stored = storedLanguage();
  if (stored) return stored;
  for (const candidate of navigator.languages ?? [navigator.language]) {
    const code = toSupported(candidate);
    if (code) return code;
  }
  return 'en';
}

export async function initI18n(): Promise<typeof i18n> {
  const lng = initialLanguage();
  i18n.on('languageChanged', applyToDocument);
  await i18n.use(initReactI18next).init({
    resources: { en: { translation: en } },
    lng: 'en',
    fallbackLng: 'en',
    supportedLngs: LANGUAGES.map((l) => l.code),
    interpolation: { escapeValue: false },
    returnNull: false,
    react: { useSuspense: false },
  });
  await addFeatureStrings('en');
  applyToDocument('en');
  if (lng !== 'en') await setLanguage(lng, false);
  return i18n;
}

/** Number, date and list formatting in the current UI language. */
export function useFormat() {
  const { i18n: instance } = useTranslation();
  const lng = instance.language;
  const number = useCallback((n: number) => new Intl.NumberFormat(lng).format(n), [lng]);
  const dateTime = useCallback(
    (iso: string) => new Intl.DateTimeFormat(lng, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
    [lng],
  );
  return { number, dateTime, language: lng };
}

export default i18n;
