// Every language has every key of English, the plural forms its grammar needs, the same
// placeholders, and real translations (not English copies): the central catalogues together with
// the features' own (features/<capability>/locales/<language>.json), as the app merges them.
import { describe, expect, it } from 'vitest';
import enCentral from './locales/en.json';
import frCentral from './locales/fr.json';
import deCentral from './locales/de.json';
import ukCentral from './locales/uk.json';
import arCentral from './locales/ar.json';

type Tree = { [key: string]: string | Tree };

const fragments = import.meta.glob<Tree>('../features/*/locales/*.json', { eager: true, import: 'default' });
function merge(into: Tree, from: Tree): Tree {
  const out: Tree = { ...into };
  for (const [k, v] of Object.entries(from)) out[k] = typeof v === 'string' || typeof out[k] !== 'object' ? v : merge(out[k] as Tree, v);
  return out;
}
const withFeatures = (lng: string, central: Tree) => Object.entries(fragments).filter(([path]) => path.endsWith(`/${lng}.json`)).reduce((t, [, f]) => merge(t, f), central);
const en = withFeatures('en', enCentral as Tree);
const fr = withFeatures('fr', frCentral as Tree);
const de = withFeatures('de', deCentral as Tree);
const uk = withFeatures('uk', ukCentral as Tree);
const ar = withFeatures('ar', arCentral as Tree);
const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const placeholders = (s: string) => new Set([...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]));
const base = flatten(en as Tree);
const plainKeys = [...base.keys()].filter((k) => !PLURAL.test(k));
const pluralBases = [...new Set([...base.keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')))];

describe.each([
  ['fr', fr],
  ['de', de],
  ['uk', uk],
  ['ar', ar],
] as const)('%s translation', (lng, resource) => {
  const flat = flatten(resource as Tree);
  const categories = new Intl.PluralRules(lng).resolvedOptions().pluralCategories;

  it('has every plain key of English', () => {
    expect(plainKeys.filter((k) => !flat.has(k))).toEqual([]);
  });

  it('has every plural form the language needs', () => {
    const missing = pluralBases.flatMap((b) => categories.filter((c) => !flat.has(`${b}_${c}`)).map((c) => `${b}_${c}`));
    expect(missing).toEqual([]);
  });

  it('has no key unknown to English', () => {
    const extra = [...flat.keys()].filter((k) => (PLURAL.test(k) ? !pluralBases.includes(k.replace(PLURAL, '')) : !base.has(k)));
    expect(extra).toEqual([]);
  });

  it('keeps the placeholders', () => {
    const wrong: string[] = [];
    for (const [key, value] of flat) {
      const english = base.get(key) ?? base.get(key.replace(PLURAL, '_other')) ?? '';
      const expected = placeholders(english);
      const got = placeholders(value);
      // Languages may spell out small counts ("one", "two") instead of the number.
      for (const p of expected) if (!got.has(p) && !(p === 'count' || (p === 'total' && PLURAL.test(key)))) wrong.push(`${key}: {{${p}}}`);
      for (const p of got) if (!expected.has(p)) wrong.push(`${key}: unexpected {{${p}}}`);
    }
    expect(wrong).toEqual([]);
  });

  it('is translated, not copied from English', () => {
    const same = plainKeys.filter((k) => flat.get(k) === base.get(k));
    expect(same.length / plainKeys.length).toBeLessThan(0.1);
  });
});
