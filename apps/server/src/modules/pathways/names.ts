// Names across scripts and spellings, for duplicate detection and search.
//
// A newcomer's name reaches the municipality in many forms: the Cyrillic of a Ukrainian passport
// (Олександр), its Ukrainian national romanisation (Oleksandr, Cabinet of Ministers resolution
// 55/2010), an older Russian-style spelling from another document (Aleksandr), or the Western form
// a volunteer wrote down (Alexander). Registration must notice that these are probably the same
// person when the date of birth also matches.
//
// Two steps:
//  1. latinForms(): the Latin spellings of a name — the name itself, accents removed, and for
//     Cyrillic both the Ukrainian national and the common Russian (ICAO/BGN-like) romanisation.
//  2. phoneticKey(): a consonant skeleton that collapses the usual spelling variation between
//     those systems and Western spellings: vowels and y/j dropped, g/h/kh dropped (г is h in
//     Ukrainian, g in Russian), x → ks, w → v, ph → f, c → k or s, digraphs (sh, ch, zh, sch,
//     tsch, cz, sz, shch) folded, doubled letters collapsed.
//     Олександр, Oleksandr, Aleksandr, Alexander, Olexandr → "lksndr"; Ганна, Hanna, Anna → "n";
//     Сергій, Serhii, Sergey, Sergei → "sr". The key is deliberately coarse: a match is only a
//     warning, and it needs the date of birth too.
//
// The stored name_key is the sorted set of the keys of every token of every Latin form, so a
// lookup compares sets: two names match when their token keys overlap on every token of the
// shorter name (given and family name both, in any order), or on two tokens at least.

const special: Record<string, string> = {
  'ß': 'ss', 'ø': 'o', 'æ': 'ae', 'œ': 'oe', 'ł': 'l', 'đ': 'd', 'ð': 'd', 'þ': 'th', 'ı': 'i', 'ħ': 'h',
  // Czech, Slovak, Croatian, Slovene, Lithuanian and Latvian spellings of Slavic names (Ševčenko).
  'š': 'sh', 'č': 'ch', 'ž': 'zh', 'ś': 'sh', 'ć': 'ch', 'ź': 'zh', 'ż': 'zh',
};

// Ukrainian national romanisation (KMU 55/2010); word-initial forms of є ї й ю я differ.
const ukrainian: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'h', ґ: 'g', д: 'd', е: 'e', є: 'ie', ж: 'zh', з: 'z', и: 'y', і: 'i', ї: 'i', й: 'i',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch',
  ш: 'sh', щ: 'shch', ь: '', ю: 'iu', я: 'ia', ы: 'y', э: 'e', ё: 'io', ъ: '',
};
const ukrainianInitial: Record<string, string> = { є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya' };

// Russian, as passports and older documents spell it (ICAO 9303 with the common BGN variants).
const russian: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', є: 'ye', ж: 'zh', з: 'z', и: 'i', і: 'i', ї: 'yi', й: 'y',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch',
  ш: 'sh', щ: 'shch', ь: '', ю: 'yu', я: 'ya', ы: 'y', э: 'e', ё: 'e', ъ: '',
};

/** Lower case, no accents, apostrophes removed, other punctuation as spaces. */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFC')
    .replace(/[ßøæœłđðþıħščžśćźż]/g, (c) => special[c] ?? c)
    // Accents go, except on Cyrillic letters where they make other letters (й, ї, ё).
    .replace(/[^\u0400-\u04ff]+/g, (part) => part.normalize('NFKD').replace(/\p{M}+/gu, ''))
    .replace(/['’ʼ`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const hasCyrillic = (s: string) => /[\u0400-\u04ff]/.test(s);

function romanise(word: string, table: Record<string, string>, initial: Record<string, string> = {}): string {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const c = word[i];
    // зг is romanised zgh in Ukrainian so it is not read as the digraph zh.
    if (table === ukrainian && c === 'г' && word[i - 1] === 'з') { out += 'gh'; continue; }
    out += (i === 0 ? initial[c] : undefined) ?? table[c] ?? c;
  }
  return out;
}

/** The Latin spellings of a name: itself (accent-free), and its romanisations when Cyrillic. */
export function latinForms(name: string): string[] {
  const n = normalise(name);
  if (!hasCyrillic(n)) return n ? [n] : [];
  const words = n.split(' ');
  const forms = [words.map((w) => romanise(w, ukrainian, ukrainianInitial)).join(' '), words.map((w) => romanise(w, russian)).join(' ')];
  return [...new Set(forms)];
}

/** The consonant skeleton of one Latin word (see the header). Never empty for a non-empty word. */
export function phoneticKey(word: string): string {
  const w = normalise(word).replace(/\s+/g, '');
  if (!w) return '';
  const s = w
    .replace(/shch/g, 'S').replace(/tsch/g, 'C').replace(/sch/g, 'S').replace(/tch/g, 'C')
    .replace(/sh|sz/g, 'S').replace(/ch|cz/g, 'C').replace(/zh/g, 'Z').replace(/kh/g, 'h')
    .replace(/ts|tz/g, 'T').replace(/ph/g, 'f').replace(/x/g, 'ks').replace(/ck|q/g, 'k')
    .replace(/c(?=[eiy])/g, 's').replace(/c/g, 'k').replace(/w/g, 'v')
    .replace(/[aeiouyjgh]/g, '')
    .replace(/S/g, 's').replace(/C/g, 'c').replace(/Z/g, 'z').replace(/T/g, 't')
    .replace(/(.)\1+/g, '$1');
  // Names of vowels only (e.g. "Aya", "Ia") keep their first letter so they still have a key.
  return s || w[0];
}

/** The phonetic keys of every word of every Latin form of a name, one set per word position. */
export function tokenKeys(name: string): string[][] {
  const forms = latinForms(name).map((f) => f.split(' ').filter(Boolean));
  const width = Math.max(0, ...forms.map((f) => f.length));
  const out: string[][] = [];
  for (let i = 0; i < width; i++) out.push([...new Set(forms.map((f) => f[i]).filter(Boolean).map(phoneticKey))]);
  return out;
}

/** What is stored in person_identities.name_key: every key of every name, sorted, unique. */
export function nameKey(givenName: string, familyName: string, otherNames?: string | null): string {
  const all = [givenName, familyName, otherNames ?? ''].flatMap((n) => tokenKeys(n).flat());
  return [...new Set(all)].filter(Boolean).sort().join(' ');
}

/**
 * What is stored in person_identities.search_text: the names as written, their Latin forms, and
 * (after '|') their phonetic keys, so that one trigram index serves "Kowalenko" and "Коваленко".
 */
export function searchText(givenName: string, familyName: string, otherNames?: string | null): string {
  const names = [givenName, familyName, otherNames ?? ''].filter(Boolean);
  const forms = [...new Set(names.flatMap((n) => [normalise(n), ...latinForms(n)]))].join(' ');
  const keys = [...new Set(names.flatMap((n) => tokenKeys(n).flat()))].filter((k) => k.length >= 3).join(' ');
  return keys ? `${forms} | ${keys}` : forms;
}

/**
 * Whether a stored name_key matches the name being registered: every name token of the new
 * record (given and family) has one of its keys among the stored keys. Short names (one token)
 * must match that token.
 */
export function namesMatch(givenName: string, familyName: string, storedKey: string): boolean {
  const stored = new Set(storedKey.split(' '));
  const tokens = [...tokenKeys(givenName), ...tokenKeys(familyName)].filter((t) => t.length > 0);
  if (tokens.length === 0) return false;
  const hits = tokens.filter((keys) => keys.some((k) => stored.has(k))).length;
  return hits === tokens.length;
}
