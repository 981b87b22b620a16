/**
 * @module adapters/http/static-ui
 * Serves the built web UI (ui-dist/, made by `npm run build`) from memory. Only files found in
 * that folder at start-up can be served, so no request path ever reaches the file system.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `npm run build` writes the UI: <repo>/ui-dist. */
export const DEFAULT_UI_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../ui-dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
};

export interface StaticFile {
  body: Uint8Array;
  type: string;
  /** Hashed build assets never change under the same name. */
  immutable: boolean;
}

export interface StaticUi {
  /** The SPA shell, for every page route; null when the UI was not built. */
  index: StaticFile | null;
  files: Map<string, StaticFile>;
}

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
}

export function loadStaticUi(dir: string | null = DEFAULT_UI_DIR): StaticUi {
  const files = new Map<string, StaticFile>();
  if (!dir) return { index: null, files };
  const paths: string[] = [];
  try {
    walk(dir, paths);
  } catch {
    return { index: null, files };
  }
  for (const full of paths) {
    const urlPath = '/' + relative(dir, full).split(sep).join('/');
    const type = TYPES[extname(full).toLowerCase()] ?? 'application/octet-stream';
    files.set(urlPath, { body: readFileSync(full), type, immutable: urlPath.startsWith('/assets/') });
  }
  return { index: files.get('/index.html') ?? null, files };
}

/** Shown when the UI was not built; plain HTML, no script. */
export const UI_MISSING_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>unspun</title></head>
<body><h1>unspun</h1><p>The web UI has not been built. Run <code>npm run build</code>, then restart <code>unspun serve</code>.
The JSON API works without it: see <a href="/api/health">/api/health</a>.</p></body></html>`;
