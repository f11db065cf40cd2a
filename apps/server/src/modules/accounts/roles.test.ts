import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rolesMarkdown } from '../../../../../scripts/docs-roles.ts';
import { roleOrganisationKinds, roleTable, roles } from './roles.ts';

describe('the role table', () => {
  it('is what docs/roles.md shows', () => {
    expect(readFileSync(new URL('../../../../../docs/roles.md', import.meta.url), 'utf8')).toBe(rolesMarkdown());
  });
  it('keeps people out of reach of the EU, national and regional levels', () => {
    for (const r of ['eu_observer', 'national_coordinator', 'regional_coordinator', 'platform_admin', 'dpo'] as const) {
      expect(roleTable[r].rights).not.toContain('people.read');
      expect(roleTable[r].peopleReach).toBe('none');
    }
  });
  it('gives every role at least one kind of organisation', () => {
    for (const r of roles) expect(roleOrganisationKinds[r].length).toBeGreaterThan(0);
  });
});
