// The form of a name that search compares: lower case, no accents, no punctuation, letters that
// do not decompose (ø, ł, ß…) spelled out, and Greek and Cyrillic names also in Latin letters so
// "Sofia" finds София and "Athina" finds Αθήνα while each script still finds itself.
const special: Record<string, string> = {
  'ß': 'ss', 'ø': 'o', 'æ': 'ae', 'œ': 'oe', 'ł': 'l', 'đ': 'd', 'ð': 'd', 'þ': 'th', 'ı': 'i', 'ħ': 'h', 'ŧ': 't', 'ŀ': 'l',
};

const cyrillic: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', є: 'ye', ж: 'zh', з: 'z', и: 'i', і: 'i', ї: 'yi', й: 'y',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'ts', ч: 'ch',
  ш: 'sh', щ: 'sht', ъ: 'a', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', ё: 'yo',
};
const greek: Record<string, string> = {
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm', ν: 'n', ξ: 'x',
  ο: 'o', π: 'p', ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps', ω: 'o',
};

export function searchKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[ßøæœłđðþıħŧŀ]/g, (c) => special[c] ?? c)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function transliterate(key: string): string {
  return key.replace(/[\u0370-\u03ff\u0400-\u04ff]/g, (c) => cyrillic[c] ?? greek[c] ?? c);
}

/** What is stored: the key, and its Latin transliteration when the name is not in Latin script. */
export function indexKey(name: string): string {
  const key = searchKey(name);
  const latin = transliterate(key);
  return latin === key ? key : `${key} ${latin}`;
}
