// Property tests draw fresh random cases on every local run (that is how they find bugs); in CI
// they replay one fixed seed so that a landing does not depend on the draw. A failure prints its
// seed and counterexample: pin it as a regression test.
import fc from 'fast-check';

if (process.env.CI) fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261127) });
