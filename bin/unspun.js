#!/usr/bin/env node
// Runs the compiled CLI in dist/ (built by `npm run build`, which `npm install` runs), so a
// command starts without transpiling TypeScript. When dist/ is missing or older than a file
// under src/ (a checkout edited since the last build), it runs the sources through tsx
// instead, so what runs is always the code in the tree.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Paths as strings: a URL object per source file costs more than its stat.
const root = fileURLToPath(new URL('../', import.meta.url));

function buildIsCurrent() {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(root, 'dist/build-stamp.json'), 'utf8'));
  } catch {
    return false;
  }
  const src = join(root, 'src');
  // An installed package without sources runs what it was built from.
  if (!existsSync(src)) return true;
  const modules = readdirSync(src, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith('adapters/ui') && !f.startsWith('adapters\\ui'));
  if (modules.length !== stamp.modules) return false;
  return modules.every((f) => statSync(join(src, f)).mtimeMs <= stamp.newestSourceMtimeMs);
}

if (buildIsCurrent()) {
  await import('../dist/adapters/cli/main.js');
} else {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    process.stderr.write('unspun: the compiled CLI in dist/ is missing or out of date; run `npm run build`\n');
    process.exit(70);
  }
  register();
  await import('../src/adapters/cli/main.ts');
}
