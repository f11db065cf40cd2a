// Runs the placement engine off the main thread: a national run may take minutes of CPU, and the
// server must keep answering meanwhile.
import { parentPort, workerData } from 'node:worker_threads';
import { solve } from '@localpact/placement';

try {
  parentPort!.postMessage({ ok: true, result: solve(workerData.instance) });
} catch (e) {
  parentPort!.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
}
