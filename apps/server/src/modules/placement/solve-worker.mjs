// Runs the placement engine off the main thread: a national run may take minutes of CPU, and the
// server must keep answering meanwhile. Plain JavaScript that loads the TypeScript engine through
// tsx, because loader hooks do not carry over into worker threads.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
try {
  const { solve, loadHighs, usesExactMip } = await import('@localpact/placement');
  // HiGHS's MIP (a WebAssembly runtime, loaded only for the runs it serves: see usesExactMip)
  // proves small runs optimal and improves larger ones within the instance's time limit; if it
  // cannot load, the engine's own branch-and-bound does the small proofs instead
  const highs = usesExactMip(workerData.instance) ? await loadHighs().catch(() => undefined) : undefined;
  parentPort.postMessage({ ok: true, result: solve(workerData.instance, {}, { highs }) });
} catch (e) {
  parentPort.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
}
