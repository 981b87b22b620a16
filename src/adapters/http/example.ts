/**
 * @module adapters/http/example
 * The article behind the home page's "Try an example" button: the demo's slanted rewrite
 * (examples/suspects), whose source (demo-022) is in the demo corpus `npm run demo` indexes.
 */
import { readFileSync } from 'node:fs';

const EXAMPLE = new URL('../../../examples/suspects/slanted-rewrite.txt', import.meta.url);
const EXAMPLE_SOURCE_ID = 'demo-022';

let cached: { title: string; text: string; sourceId: string } | null = null;

export function readExample(): { title: string; text: string; sourceId: string } {
  if (!cached) {
    const text = readFileSync(EXAMPLE, 'utf8');
    cached = { title: text.split('\n')[0].trim(), text, sourceId: EXAMPLE_SOURCE_ID };
  }
  return cached;
}
