/**
 * @module bench/lib/gate
 * The CI quality gate, after trafilatura's: pinned floors in bench/floors.json, a run fails
 * when a gated number falls below its floor, and a floor can only go down with an explicit
 * `--allow-lower-floor` (and a commit message saying why), so regressions are never silent.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { UnspunError } from '../../src/core/errors.ts';
import { REPO_ROOT } from './datasets.ts';

export interface FloorsFile {
  /** Why these numbers and how to change them. */
  note: string;
  /** Pinned floors sit this far below the measured value, to absorb harmless noise. */
  margin: number;
  /** "task:metric" -> lowest acceptable value (higher is better for every gated metric). */
  floors: Record<string, number>;
}

export interface GateFailure {
  key: string;
  floor: number;
  measured: number | null;
  message: string;
}

export const FLOORS_PATH = 'bench/floors.json';

export function readFloors(path: string): FloorsFile {
  if (!existsSync(path)) return { note: '', margin: 0.02, floors: {} };
  let parsed: FloorsFile;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as FloorsFile;
  } catch (e) {
    throw new UnspunError('INPUT_MALFORMED', path, `not valid JSON (${(e as Error).message})`);
  }
  if (!parsed || typeof parsed.floors !== 'object') throw new UnspunError('INPUT_MALFORMED', path, 'has no "floors" object');
  for (const [k, v] of Object.entries(parsed.floors)) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new UnspunError('INPUT_MALFORMED', path, `floor "${k}" is not a number`);
  }
  return parsed;
}

/** Every floor whose metric is missing or below it. */
export function checkFloors(measured: Record<string, number>, floors: Record<string, number>): GateFailure[] {
  const out: GateFailure[] = [];
  for (const [key, floor] of Object.entries(floors)) {
    const m = measured[key];
    if (m === undefined || Number.isNaN(m)) {
      out.push({ key, floor, measured: null, message: `${key}: not measured (was its module removed, or its dataset missing?); floor ${floor}` });
    } else if (m < floor) {
      out.push({ key, floor, measured: m, message: `${key}: ${m.toFixed(4)} is below the pinned floor ${floor}` });
    }
  }
  return out;
}

/** Floors that `next` lowers or drops compared with `prev`. */
export function loweredFloors(prev: Record<string, number>, next: Record<string, number>): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(prev)) {
    if (!(k in next)) out.push(`${k}: removed (was ${v})`);
    else if (next[k] < v) out.push(`${k}: ${v} -> ${next[k]}`);
  }
  return out;
}

/** New floors = measured minus margin, rounded down to 3 decimals; only for gated keys. */
export function proposeFloors(measured: Record<string, number>, margin: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(measured)) {
    if (Number.isFinite(v)) out[k] = Math.max(0, Math.floor((v - margin) * 1000) / 1000);
  }
  return out;
}

/**
 * Pins new floors. Refuses (throws USAGE, file untouched) when that would lower or drop an
 * existing floor, unless `allowLower` is set.
 */
export function pinFloors(path: string, measured: Record<string, number>, allowLower: boolean): { written: FloorsFile; lowered: string[] } {
  const current = readFloors(path);
  const proposed = proposeFloors(measured, current.margin);
  // Floors of tasks not measured in this run (`--only`) are kept as they are.
  const wanted: Record<string, number> = { ...current.floors, ...proposed };
  const next: Record<string, number> = allowLower ? wanted : { ...current.floors };
  if (!allowLower) for (const [k, v] of Object.entries(proposed)) next[k] = Math.max(v, current.floors[k] ?? -Infinity);
  const lowered = loweredFloors(current.floors, wanted);
  if (lowered.length && !allowLower) {
    throw new UnspunError('USAGE', path, `refusing to lower floors without --allow-lower-floor: ${lowered.join('; ')}`);
  }
  const written: FloorsFile = { ...current, floors: Object.fromEntries(Object.entries(next).sort(([a], [b]) => a.localeCompare(b))) };
  writeFileSync(path, `${JSON.stringify(written, null, 2)}\n`);
  return { written, lowered };
}

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
}

/**
 * Floors lowered by hand, compared with git: the committed file when the working copy is
 * edited, else (when the last commit changed the file) the version before it, unless that
 * commit's message says why with "lower floor". Returns the complaints.
 */
export function handLoweredFloors(path: string = FLOORS_PATH): string[] {
  const current = readFloors(`${REPO_ROOT}/${path}`).floors;
  const committed = git(['show', `HEAD:${path}`]);
  if (committed === null) return [];
  const parse = (t: string): Record<string, number> => {
    try {
      return (JSON.parse(t) as FloorsFile).floors ?? {};
    } catch {
      return {};
    }
  };
  const vsHead = loweredFloors(parse(committed), current);
  if (vsHead.length) return vsHead.map((l) => `uncommitted edit lowers ${l}`);
  const lastTouch = git(['log', '-n', '1', '--format=%H', '--', path])?.trim();
  const head = git(['rev-parse', 'HEAD'])?.trim();
  if (!lastTouch || lastTouch !== head) return [];
  const before = git(['show', `HEAD~1:${path}`]);
  if (before === null) return [];
  const lowered = loweredFloors(parse(before), current);
  const message = git(['log', '-n', '1', '--format=%B', 'HEAD']) ?? '';
  if (lowered.length && !/lower(ed|s)? floors?/i.test(message)) return lowered.map((l) => `last commit lowers ${l} without saying why ("lower floor: <reason>")`);
  return [];
}
