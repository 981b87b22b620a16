/**
 * @module test/e2e/ui-build
 * Builds the web UI for the browser tests when ui-dist is missing or older than its sources
 * (npm ci builds it in CI).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../http-helpers.ts';

const UI_DIST = join(REPO_ROOT, 'ui-dist');
const UI_SRC = join(REPO_ROOT, 'src/adapters/ui');
const CORE = join(REPO_ROOT, 'src/core');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    newest = Math.max(newest, st.isDirectory() ? newestMtime(p) : st.mtimeMs);
  }
  return newest;
}

export async function ensureUiBuilt(): Promise<void> {
  const index = join(UI_DIST, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(newestMtime(UI_SRC), newestMtime(CORE))) return;
  const { build } = await import('vite');
  await build({ configFile: join(UI_SRC, 'vite.config.ts'), logLevel: 'error' });
}

