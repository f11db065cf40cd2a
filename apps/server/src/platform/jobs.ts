// Background jobs the modules declare (module.ts), on timers that never keep the process alive.
import type { Config } from './config.ts';
import type { Db } from './context.ts';
import type { BackgroundJob, CapabilityModule } from './module.ts';

/** Starts the jobs that run in this kind of process; returns a function that stops them. */
export function startJobs(modules: readonly CapabilityModule[], runsIn: BackgroundJob['runsIn'], db: Db, config: Config, report: (message: string, err?: unknown) => void): () => void {
  const timers: NodeJS.Timeout[] = [];
  for (const m of modules) {
    for (const job of m.jobs ?? []) {
      if (job.runsIn !== runsIn) continue;
      const run = () => { job.run(db, config).then((line) => { if (line) report(`${m.name}: ${line}`); }, (err) => report(`${m.name}: ${job.name} failed`, err)); };
      const first = setTimeout(() => {
        run();
        const every = setInterval(run, job.everyMs);
        every.unref();
        timers.push(every);
      }, job.firstAfterMs ?? job.everyMs);
      first.unref();
      timers.push(first);
    }
  }
  return () => { for (const t of timers) { clearTimeout(t); clearInterval(t); } };
}
