// Issue 12: the README's first start is what a fresh clone gets — its account list is exactly
// what `localpact serve` prints at first start, and it links to nothing outside the repository.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { modules } from './modules/index.ts';
import { demoSignIns } from './platform/demo.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe('README', () => {
  it('lists exactly the demo sign-ins the server prints', () => {
    const section = readme.slice(readme.indexOf('| role | sign-in |'), readme.indexOf('A restart keeps the data.'));
    const listed = [...section.matchAll(/[\w.-]+@[\w.-]+\.localpact\.eu|[\w.-]+@localpact\.eu/g)].map((m) => m[0]);
    const printed = demoSignIns(modules).map((u) => u.email);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual([...printed].sort());
  });

  it('links only to files in the repository', () => {
    const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(5);
    const outside = links.filter((l) => /^[a-z]+:/i.test(l) || l.startsWith('//') || l.startsWith('..') || !existsSync(join(root, l.split('#')[0])));
    expect(outside).toEqual([]);
    expect(readme).not.toMatch(/\.\.\/shared|https?:\/\/(?!localhost)/);
  });
});
