// The API contract (issue 12): the generated OpenAPI document passes Redocly's recommended rules
// with no error (`npm test -- contract`); the warnings are printed and counted. Also: every
// operation has an operationId, a summary, a description and tags; errors are problem+json.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let doc: { paths: Record<string, Record<string, { operationId?: string; summary?: string; description?: string; tags?: string[]; responses: Record<string, { content?: Record<string, unknown> }> }>>; servers?: unknown[] };
beforeAll(async () => {
  t = await startTestApp();
  doc = (await t.request({ url: '/api/openapi.json' })).json();
}, 120_000);
afterAll(async () => { await t?.close(); });

const operations = () => Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));

describe('the OpenAPI document', () => {
  it('describes every operation: operationId (unique), summary, description, tags', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(70);
    expect(ops.filter((o) => !o.op.operationId || !o.op.summary || !o.op.description || !o.op.tags?.length).map((o) => `${o.method} ${o.path}`)).toEqual([]);
    const ids = ops.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.servers?.length).toBeGreaterThan(0);
  });

  it('declares errors as application/problem+json, 401 on every private route, CSV and event streams by their media type', () => {
    const wrong = operations().flatMap((o) => Object.entries(o.op.responses).filter(([code, r]) => /^[45]/.test(code) && Object.keys(r.content ?? {}).join() !== 'application/problem+json').map(([code]) => `${o.method} ${o.path} ${code}`));
    expect(wrong).toEqual([]);
    const open = ['/api/health', '/api/auth/sign-in', '/api/roles'];
    expect(operations().filter((o) => !open.includes(o.path) && !o.op.responses['401']).map((o) => `${o.method} ${o.path}`)).toEqual([]);
    expect(Object.keys(doc.paths['/api/audit.csv'].get.responses['200'].content ?? {})).toEqual(['text/csv']);
    expect(Object.keys(doc.paths['/api/events/stream'].get.responses['200']?.content ?? {})).toEqual(['text/event-stream']);
  });

  it('passes `redocly lint` (recommended rules) with no error', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'localpact-openapi-')), 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    const cli = join(process.cwd(), 'node_modules/@redocly/cli/bin/cli.js');
    const r = spawnSync(process.execPath, [cli, 'lint', file, '--format=json'], { encoding: 'utf8', env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } });
    const report = JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))) as { totals: { errors: number; warnings: number }; problems: Array<{ ruleId: string; severity: string; message: string; location?: Array<{ pointer?: string }> }> };
    const byRule = new Map<string, number>();
    for (const p of report.problems) byRule.set(`${p.severity} ${p.ruleId}`, (byRule.get(`${p.severity} ${p.ruleId}`) ?? 0) + 1);
    console.log(`redocly lint (recommended): ${report.totals.errors} errors, ${report.totals.warnings} warnings`, Object.fromEntries(byRule),
      report.problems.map((p) => `${p.severity} ${p.ruleId} ${decodeURIComponent(p.location?.[0]?.pointer ?? '')}`));
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });
});
