// Runs on `npm install` (prepare) and before `serve`: builds the web UI once, so that the first
// start does not pay for it. Rebuilds when any source file is newer than the last build.
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'apps/web');
const stamp = join(web, 'dist/index.html');

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export function webIsStale() {
  if (!existsSync(join(web, 'index.html'))) return false;
  if (!existsSync(stamp)) return true;
  return newest(web) > statSync(stamp).mtimeMs || newest(join(root, 'packages/contracts/src')) > statSync(stamp).mtimeMs;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!existsSync(join(root, 'node_modules/vite'))) process.exit(0); // production install without dev tools
  if (webIsStale()) {
    console.log('localpact: building the web UI…');
    const r = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(web, 'vite.config.ts'), '--logLevel', 'warn'], { stdio: 'inherit', cwd: root });
    process.exit(r.status ?? 1);
  }
}
