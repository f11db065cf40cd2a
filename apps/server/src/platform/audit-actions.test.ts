// The audit actions the code writes are exactly the list in packages/contracts (lists/*.ts): the
// DPO's filters, the web's labels and the docs read that list. The types already refuse an action
// outside it (AuditEvent.action is AuditAction) and the writer refuses one at run time; this test
// reads the source as well, so a cast or a computed string cannot slip past either.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { auditActions, noticeActions, referralStatuses } from '@localpact/contracts';
import { audit } from './audit.ts';

const src = fileURLToPath(new URL('..', import.meta.url));
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.ts$/.test(p) && !/\.test\.ts$/.test(p) ? [p] : [];
  });
}
const code = files(src).map((f) => ({ f: f.slice(src.length), text: readFileSync(f, 'utf8') }));

// Every place an action is named: `action: '…'`, the ternaries after it, `readAction`, `breakGlassAction`,
// `auditedAs`, and auditReads()'s last argument.
const literal = /(?:\baction|readAction|breakGlassAction|auditedAs)\s*:\s*((?:[^,}\n]*?\?\s*)?'[a-z_.]+'(?:\s*:\s*'[a-z_.]+')?)/g;
/** The top-level arguments of each auditReads( … ) call. */
function auditReadsCalls(text: string): string[][] {
  const calls: string[][] = [];
  for (let i = text.indexOf('auditReads('); i >= 0; i = text.indexOf('auditReads(', i + 1)) {
    const args: string[] = [];
    let depth = 0, cur = '';
    for (let j = i + 'auditReads('.length; j < text.length; j++) {
      const c = text[j];
      if (depth === 0 && (c === ',' || c === ')')) { args.push(cur.trim()); cur = ''; if (c === ')') break; continue; }
      if ('([{'.includes(c)) depth++;
      if (')]}'.includes(c)) depth--;
      cur += c;
    }
    calls.push(args);
  }
  return calls;
}
const templated = /\baction\s*:\s*`([^`]+)`/g;

/** The computed actions, each with what its placeholder can be. */
const expansions: Record<string, readonly string[]> = {
  'notice.${action}': noticeActions,
  'referral.${input.status}': referralStatuses.filter((s) => s !== 'sent'),
};

describe('audit actions', () => {
  const written = new Set<string>();
  const unknown: string[] = [];
  for (const { f, text } of code) {
    // the writer, the gate and the error handler (disclosures in error bodies) take the action as data
    if (f.startsWith('platform/audit.ts') || f.startsWith('platform/gate.ts') || f.startsWith('platform/errors.ts')) continue;
    for (const m of text.matchAll(literal)) {
      // helmet's `frameguard: { action: 'deny' }` names an X-Frame-Options value, not an audit action
      if (/frameguard\s*:\s*\{\s*$/.test(text.slice(Math.max(0, m.index! - 40), m.index))) continue;
      for (const a of m[1].matchAll(/'([a-z_.]+)'/g)) written.add(a[1]);
    }
    for (const args of auditReadsCalls(text)) {
      if (args[2] === 'recordType') continue; // the writer's own definition
      // auditReads(db, actor, recordType, ids, purpose, action = `<recordType>.read`)
      const action = args[5] ?? (/^'[a-z_]+'$/.test(args[2]) ? `'${args[2].slice(1, -1)}.read'` : null);
      if (action && /^'[a-z_.]+'$/.test(action)) written.add(action.slice(1, -1)); else unknown.push(`${f}: auditReads(${args.join(', ')})`);
    }
    for (const m of text.matchAll(templated)) {
      const values = expansions[m[1]];
      if (!values) { unknown.push(`${f}: \`${m[1]}\``); continue; }
      for (const v of values) written.add(m[1].replace(/\$\{[^}]+\}/, v));
    }
  }

  it('writes only actions of the list', () => {
    expect(unknown, 'a computed action this test cannot expand: add it to `expansions`').toEqual([]);
    expect([...written].filter((a) => !auditActions.includes(a as never))).toEqual([]);
  });

  it('lists no action that nothing writes', () => {
    // the gate writes the record types' read and break-the-glass actions; the platform demo.load/reset
    const viaGate = ['demo.load', 'demo.reset'];
    expect(auditActions.filter((a) => !written.has(a) && !viaGate.includes(a))).toEqual([]);
  });

  it('lists each action once', () => {
    expect(auditActions.length).toBe(new Set(auditActions).size);
    expect(auditActions.length).toBeGreaterThanOrEqual(45);
  });

  it('refuses, at run time, an action outside the list', async () => {
    const db = { insertInto: () => { throw new Error('must not be reached'); } } as never;
    await expect(audit(db, null, { action: 'person.peek' as never })).rejects.toThrow(/not in the list of audit actions/);
  });
});
