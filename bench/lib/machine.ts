/**
 * @module bench/lib/machine
 * The provenance printed beside every number: date, git commit, machine (cores, memory,
 * CPU model, Node version). Benchmarks without it cannot be compared or reproduced.
 */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem, platform, arch } from 'node:os';
import { REPO_ROOT } from './datasets.ts';

export interface Provenance {
  date: string;
  commit: string;
  /** True when tracked files differ from the commit (numbers then belong to uncommitted code). */
  dirty: boolean;
  cores: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  os: string;
}

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

export function provenance(): Provenance {
  const commit = git(['rev-parse', '--short=10', 'HEAD']) ?? 'unknown';
  // Only our own outputs may differ: the generated doc is rewritten by this very run.
  const status = git(['status', '--porcelain', '--untracked-files=no']) ?? '';
  const dirty = status.split('\n').some((l) => l.trim() && !l.endsWith('docs/benchmarks.md'));
  const cs = cpus();
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    commit,
    dirty,
    cores: cs.length,
    cpuModel: cs[0]?.model?.trim() ?? 'unknown',
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${platform()}-${arch()}`,
  };
}

export function formatProvenance(p: Provenance): string {
  return `${p.date} · commit \`${p.commit}\`${p.dirty ? ' (+ uncommitted changes)' : ''} · ${p.cores} cores (${p.cpuModel}), ${p.memoryGb} GB RAM · Node ${p.node} · ${p.os}`;
}
