import { describe, expect, it } from 'vitest';
import { InstanceValidationError, validateInstance } from '../src/validate.ts';
import { solve } from '../src/solve.ts';

function errorsOf(x: unknown): string[] {
  try {
    validateInstance(x);
  } catch (e) {
    expect(e).toBeInstanceOf(InstanceValidationError);
    return (e as InstanceValidationError).errors;
  }
  return [];
}

describe('instance validation names the field path', () => {
  it('reports each problem with its path', () => {
    const errs = errorsOf({
      resources: ['beds', 'beds'],
      municipalities: [
        { id: 'a', capacity: { beds: 'x', wifi: 1 } },
        { id: 'a', capacity: {} },
      ],
      households: [
        { id: 'h', needs: { beds: [1] }, scores: [1, 'y'], mustGo: ['zz'] },
        { id: 'h', size: -1, needs: {}, scores: { q: 1 } },
      ],
      options: { timeLimitSeconds: 0 },
    });
    const all = errs.join('\n');
    expect(all).toMatch(/resources\[1\]: duplicate resource/);
    expect(all).toMatch(/municipalities\[0\]\.capacity\.beds: expected a finite number/);
    expect(all).toMatch(/municipalities\[0\]\.capacity\.wifi: unknown resource/);
    expect(all).toMatch(/municipalities\[1\]\.id: duplicate municipality id/);
    expect(all).toMatch(/households\[0\]\.needs\.beds: array must have one entry per municipality \(2\), got 1/);
    expect(all).toMatch(/households\[0\]\.scores\[1\]/);
    expect(all).toMatch(/households\[0\]\.mustGo\[0\]: unknown municipality "zz"/);
    expect(all).toMatch(/households\[1\]\.id: duplicate household id/);
    expect(all).toMatch(/households\[1\]\.size/);
    expect(all).toMatch(/households\[1\]\.scores\.q: unknown municipality/);
    expect(all).toMatch(/options\.timeLimitSeconds/);
  });

  it('solve() rejects invalid input and accepts a minimal valid one', () => {
    expect(() => solve({ resources: [] })).toThrow(/municipalities: expected a non-empty array/);
    const r = solve({ resources: ['beds'], municipalities: [{ id: 'a', capacity: { beds: 1 } }], households: [{ id: 'h', needs: { beds: 1 }, scores: [5] }] });
    expect(r.objective).toBe(5);
    expect(r.bound).toBe(5);
    expect(r.assignments).toEqual([{ household: 'h', municipality: 'a', score: 5 }]);
  });
});
