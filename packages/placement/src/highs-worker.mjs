// Worker for HiGHS solves (plain JavaScript so that it runs without a TypeScript loader).
// Receives the typed-array model built by highs.ts (buildHighsModel) and posts the result.
import { parentPort, workerData } from 'node:worker_threads';
import loader from 'highs';
import { runArrays } from './highs-run.mjs';

const { arrays, options } = workerData;
parentPort.postMessage(runArrays(await loader(), arrays, options));
