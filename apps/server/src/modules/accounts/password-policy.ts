// Which new passwords are refused (NIST SP 800-63B §5.1.1.2): at least 12 characters (the
// schema), and none that an attacker would try early — common and breached passwords, repeated
// characters, sequences, keyboard patterns, dates — as the zxcvbn estimator (@zxcvbn-ts, with its
// lists of common and leaked passwords and English words) judges them; nor one that contains the
// account's email, its local part or the person's name, or the service's own name.
//
// The demo accounts are seeded with `localpact-demo` (demo.ts hashes it directly); this policy is
// what keeps it, or anything like it, from being chosen for an account created through the API or
// the command line.
import type { ZxcvbnFactory, ZxcvbnResult } from '@zxcvbn-ts/core';
import { invalid } from '../../platform/errors.ts';

/** zxcvbn's score 3: "safely unguessable", about 10^8 guesses or more. */
export const MIN_SCORE = 3;
const SERVICE_WORDS = ['localpact'];

export type PasswordProblem = 'personal' | 'service' | 'common' | 'repeat' | 'sequence' | 'keyboard' | 'dates' | 'guessable';

// The dictionaries are large: loaded on the first password that needs judging, then kept.
let estimator: Promise<ZxcvbnFactory> | null = null;
function loadEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= (async () => {
    const [{ ZxcvbnFactory }, common, en] = await Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('@zxcvbn-ts/language-en')]);
    return new ZxcvbnFactory({
      translations: en.translations, graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...en.dictionary, service: SERVICE_WORDS },
    });
  })();
  return estimator;
}

const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** Why a password is refused for this account, or null when it is acceptable. */
export async function passwordProblem(password: string, account: { email: string; displayName?: string | null }): Promise<PasswordProblem | null> {
  const email = account.email.trim().toLowerCase();
  const local = email.split('@')[0] ?? '';
  const name = account.displayName ?? '';
  const p = fold(password);
  const contains = (s: string) => { const f = fold(s); return f.length >= 3 && p.includes(f); };
  if (contains(email) || contains(local) || contains(name)) return 'personal';
  if (SERVICE_WORDS.some((w) => p.includes(w))) return 'service';
  // Derivatives: the name's and the email's parts, rearranged, with a little added ("haddad-amira-1990").
  const tokens = [email, local, ...local.split(/[^\p{L}\p{N}]+/u), ...name.split(/[^\p{L}\p{N}]+/u), ...email.split('@')[1]?.split('.') ?? []].filter((s) => fold(s).length >= 3);
  const rest = [...new Set(tokens.map(fold))].sort((a, b) => b.length - a.length).reduce((r, tok) => r.split(tok).join(''), p);
  if (rest.length < 8 && rest.length < p.length) return 'personal';
  const z = await loadEstimator();
  const result = z.check(password, tokens);
  return result.score >= MIN_SCORE ? null : reasonOf(result);
}

function reasonOf(r: ZxcvbnResult): PasswordProblem {
  const seq = r.sequence as Array<{ pattern: string; dictionaryName?: string }>;
  if (seq.some((m) => m.dictionaryName === 'userInputs')) return 'personal';
  if (seq.some((m) => m.dictionaryName === 'service')) return 'service';
  if (seq.some((m) => m.dictionaryName === 'passwords-common' || m.dictionaryName === 'passwords')) return 'common';
  if (seq.some((m) => m.pattern === 'repeat')) return 'repeat';
  if (seq.some((m) => m.pattern === 'sequence')) return 'sequence';
  if (seq.some((m) => m.pattern === 'spatial')) return 'keyboard';
  if (seq.some((m) => m.pattern === 'date' || m.pattern === 'regex')) return 'dates';
  return 'guessable';
}

/** Throws 400 with the reason on `path` (body.password) when the password is refused. */
export async function assertAcceptablePassword(password: string, account: { email: string; displayName?: string | null }, path = 'body.password'): Promise<void> {
  const problem = await passwordProblem(password, account);
  if (problem) throw invalid(path, `validation.password_${problem}`);
}
