// Names of countries and languages in the reader's language (Intl.DisplayNames), from their codes.
// Territory codes follow NUTS, where Greece is EL (ISO 3166: GR); 'EU' is the European Union.

const NUTS_TO_ISO: Record<string, string> = { EL: 'GR', UK: 'GB' };
const cache = new Map<string, Intl.DisplayNames | null>();

function displayNames(lang: string, type: 'region' | 'language'): Intl.DisplayNames | null {
  const key = `${lang}|${type}`;
  if (!cache.has(key)) {
    try { cache.set(key, new Intl.DisplayNames([lang], { type, fallback: 'none' })); } catch { cache.set(key, null); }
  }
  return cache.get(key) ?? null;
}

/** A country (or the EU) in the reader's language; other territories keep their own name. */
export function territoryName(code: string, name: string, lang: string): string {
  if (!/^[A-Z]{2}$/.test(code)) return name;
  return displayNames(lang, 'region')?.of(NUTS_TO_ISO[code] ?? code) ?? name;
}

/** A language (ISO 639 code) in the reader's language; the code itself when unknown. */
export function languageName(code: string, lang: string): string {
  return displayNames(lang, 'language')?.of(code) ?? code;
}

/** Countries (ISO 3166 codes, e.g. nationalities) as names, joined with the reader's list format. */
export function countryList(codes: readonly string[], lang: string): string {
  return listFormat(codes.map((c) => territoryName(c.toUpperCase(), c, lang)), lang);
}

/** Languages with an optional level ("Ukrainian (native), English B1"): level codes stay as CEFR writes them. */
export function languageList(items: ReadonlyArray<string | { code: string; level?: string | null }>, lang: string, native: string): string {
  return listFormat(items.map((i) => {
    const { code, level } = typeof i === 'string' ? { code: i, level: null } : i;
    const name = languageName(code, lang);
    return level ? `${name} (${level === 'native' ? native : level})` : name;
  }), lang);
}

function listFormat(parts: string[], lang: string): string {
  try { return new Intl.ListFormat(lang, { type: 'conjunction', style: 'narrow' }).format(parts); } catch { return parts.join(', '); }
}
