// The form of a label that ESCO search compares: lower case, no accents, no punctuation, the
// letters that do not decompose spelled out ("Schweißer" → "schweisser", "œuvre" → "oeuvre").
const special: Record<string, string> = { 'ß': 'ss', 'ø': 'o', 'æ': 'ae', 'œ': 'oe', 'ł': 'l', 'đ': 'd', 'ð': 'd', 'þ': 'th', 'ı': 'i' };

export function escoSearchKey(text: string): string {
  return text.toLowerCase()
    .replace(/[ßøæœłđðþı]/g, (c) => special[c] ?? c)
    .normalize('NFKD').replace(/\p{M}+/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The words of a query, each to match the start of a word of a label. */
export function queryWords(q: string): string[] {
  return escoSearchKey(q).split(' ').filter(Boolean).slice(0, 6);
}
