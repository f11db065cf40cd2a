import { readFile, writeFile } from 'node:fs/promises';
import { check } from './check.ts';
import { gapToInstance, parseGap } from './gap.ts';
import { loadHighs } from './highs.ts';
import { solve, usesExactMip } from './solve.ts';
import type { Instance, Result } from './types.ts';
import { InstanceValidationError } from './validate.ts';

export const PLACEMENT_HELP = `Usage:
  placement solve INSTANCE [--time-limit S] [--out RESULT.json] [--no-explain] [--quiet]
  placement check INSTANCE RESULT.json
  placement --help

INSTANCE is a placement instance JSON file (see packages/placement/instance.schema.json)
or an OR-Library generalized-assignment file (gap1..gap12, gapa..gapd; detected when the
file does not start with "{", or forced with --format gap). GAP options:
  --gap-index K    problem number inside a multi-problem GAP file (1-based, default 1)
  --maximize       treat GAP costs as profits (default: minimise cost, score = -cost)

solve   writes the result JSON to stdout (or --out FILE) and figures to stderr.
check   verifies capacities, indivisibility, allowed municipalities, mustGo/mustNot and
        that every household is assigned once or unassigned; recomputes the objective.
        Exit 0 if feasible and the objective matches, else 1 with the violations.
`;

interface Parsed {
  positional: string[];
  flags: Map<string, string | true>;
}

function parseArgs(argv: string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  const valued = new Set(['--time-limit', '--out', '--gap-index', '--format', '--seed']);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) flags.set(a.slice(0, eq), a.slice(eq + 1));
      else if (valued.has(a)) {
        if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
        flags.set(a, argv[++i]);
      } else flags.set(a, true);
    } else if (a === '-h') flags.set('--help', true);
    else positional.push(a);
  }
  return { positional, flags };
}

/** What the summary needs to speak in the GAP's own terms. */
interface GapInfo {
  maximize: boolean;
  reference?: number;
}

/** The instance in a file, and for a GAP file what its summary needs. */
async function loadInstance(path: string, flags: Map<string, string | true>): Promise<{ inst: Instance; gap?: GapInfo }> {
  const text = await readFile(path, 'utf8');
  const fmt = flags.get('--format');
  const isGap = fmt === 'gap' || (fmt !== 'json' && !text.trimStart().startsWith('{'));
  if (isGap) {
    const problems = parseGap(text);
    const k = Number(flags.get('--gap-index') ?? 1);
    if (!Number.isInteger(k) || k < 1 || k > problems.length) throw new Error(`--gap-index must be 1..${problems.length}`);
    const maximize = flags.has('--maximize');
    return { inst: gapToInstance(problems[k - 1], { maximize }), gap: { maximize, reference: problems[k - 1].reference } };
  }
  try {
    return { inst: JSON.parse(text) as Instance };
  } catch (e) {
    throw new Error(`${path}: invalid JSON (${(e as Error).message})`);
  }
}

/**
 * `placement` command. argv are the arguments after the program name, e.g.
 * ['solve', 'instance.json', '--time-limit', '5']. Returns the exit code.
 */
export async function placementCli(argv: string[]): Promise<number> {
  const args = argv[0] === 'placement' ? argv.slice(1) : argv;
  let parsed: Parsed;
  try {
    parsed = parseArgs(args);
  } catch (e) {
    process.stderr.write(`placement: ${(e as Error).message}\n${PLACEMENT_HELP}`);
    return 2;
  }
  const { positional, flags } = parsed;
  const cmd = positional[0];
  if (flags.has('--help') || cmd === 'help' || !cmd) {
    const ok = !!cmd || flags.has('--help');
    (ok ? process.stdout : process.stderr).write(PLACEMENT_HELP);
    return ok ? 0 : 2;
  }
  try {
    if (cmd === 'solve') return await solveCommand(positional, flags);
    if (cmd === 'check') return await checkCommand(positional, flags);
    throw new Error(`unknown command "${cmd}"`);
  } catch (e) {
    if (e instanceof InstanceValidationError) process.stderr.write(`placement: ${e.message}\n`);
    else process.stderr.write(`placement: ${(e as Error).message}\n`);
    return 2;
  }
}

async function solveCommand(positional: string[], flags: Parsed['flags']): Promise<number> {
  if (positional.length !== 2) throw new Error('solve needs exactly one INSTANCE file');
  const { inst, gap } = await loadInstance(positional[1], flags);
  const overrides = solveOverrides(flags);
  const quiet = flags.has('--quiet');
  // HiGHS's MIP, loaded only where usesExactMip says it serves at this time limit: it proves
  // small instances optimal (without it, the engine's own branch-and-bound does) and
  // improves larger ones
  const highs = usesExactMip(inst, overrides.timeLimitSeconds as number | undefined) ? await loadHighs().catch(() => undefined) : undefined;
  const result = solve(inst, overrides, { highs, log: quiet ? undefined : (s) => process.stderr.write(`  ${s}\n`) });
  const json = JSON.stringify(result, null, 1);
  const out = flags.get('--out');
  if (typeof out === 'string') await writeFile(out, json + '\n');
  else process.stdout.write(json + '\n');
  process.stderr.write(
    `objective ${result.objective}  bound ${result.bound}  gap ${(result.gap * 100).toFixed(4)}%  ` +
      `${result.status}  ${result.solveMs} ms  method: ${result.method}\n` +
      `assigned ${result.assignments.length}, unassigned ${result.unassigned.length}\n`,
  );
  if (gap) process.stderr.write(gapSummary(gap, result));
  return 0;
}

function solveOverrides(flags: Parsed['flags']): Record<string, unknown> {
  const tl = flags.get('--time-limit');
  const overrides: Record<string, unknown> = {};
  if (tl !== undefined) {
    const s = Number(tl);
    if (!(s > 0)) throw new Error('--time-limit must be a positive number of seconds');
    overrides.timeLimitSeconds = s;
  }
  if (flags.has('--seed')) overrides.seed = Number(flags.get('--seed'));
  if (flags.has('--no-explain')) overrides.explain = false;
  return overrides;
}

/** The result in the GAP file's own terms: minimisation files are solved as max −cost. */
function gapSummary(gap: GapInfo, result: Result): string {
  const v = gap.maximize ? result.objective : -result.objective;
  const b = gap.maximize ? result.bound : -result.bound;
  return (
    `GAP ${gap.maximize ? 'profit' : 'cost'} ${v}, ${gap.maximize ? 'upper' : 'lower'} bound ${b}` +
    (result.unassigned.length ? ' (NOT every job assigned: infeasible as a GAP)' : '') +
    (gap.reference !== undefined ? `; value given in the file ${gap.reference}` : '') +
    '\n'
  );
}

async function checkCommand(positional: string[], flags: Parsed['flags']): Promise<number> {
  if (positional.length !== 3) throw new Error('check needs INSTANCE and RESULT files');
  const { inst } = await loadInstance(positional[1], flags);
  let res: unknown;
  try {
    res = JSON.parse(await readFile(positional[2], 'utf8'));
  } catch (e) {
    throw new Error(`${positional[2]}: invalid JSON (${(e as Error).message})`);
  }
  const c = check(inst, res as never);
  if (c.feasible && c.objectiveMatches) {
    process.stderr.write(`feasible; objective ${c.objective} matches\n`);
    return 0;
  }
  process.stderr.write(`${c.feasible ? 'feasible' : 'INFEASIBLE'}; recomputed objective ${c.objective}\n`);
  for (const v of c.violations) process.stderr.write(`  - ${v}\n`);
  return 1;
}
