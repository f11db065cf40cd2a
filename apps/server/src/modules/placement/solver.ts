import { Worker } from 'node:worker_threads';
import type { Instance, Result } from '@localpact/placement';

/** Solves in a worker thread (see solve-worker.mjs). */
export function solveInWorker(instance: Instance): Promise<Result> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./solve-worker.mjs', import.meta.url), { workerData: { instance } });
    worker.once('message', (m: { ok: boolean; result?: Result; error?: string }) => {
      void worker.terminate();
      if (m.ok) resolve(m.result!); else reject(new Error(m.error));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => { if (code !== 0) reject(new Error(`placement worker exited with ${code}`)); });
  });
}
