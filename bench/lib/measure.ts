/**
 * @module bench/lib/measure
 * Per-item timing, so every task can report ms per item (p50/p99), items per second and
 * peak memory beside its quality numbers.
 */
import { percentile } from './metrics.ts';

export interface SpeedRow {
  task: string;
  system: string;
  split: string;
  items: number;
  /** What an item is ("sentence pair", "summary", "page"). */
  unit: string;
  msP50: number;
  msP99: number;
  itemsPerSecond: number;
  /** Peak RSS of the process running the task, MB (filled in by the runner). */
  peakRssMb?: number | null;
}

/** Collects per-item durations for one system. */
export class Timer {
  private readonly ms: number[] = [];
  private total = 0;

  /** Runs fn, recording its wall-clock time. */
  time<T>(fn: () => T): T {
    const t0 = performance.now();
    const out = fn();
    const d = performance.now() - t0;
    this.ms.push(d);
    this.total += d;
    return out;
  }

  async timeAsync<T>(fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    const out = await fn();
    const d = performance.now() - t0;
    this.ms.push(d);
    this.total += d;
    return out;
  }

  row(task: string, system: string, split: string, unit: string): SpeedRow {
    return {
      task,
      system,
      split,
      unit,
      items: this.ms.length,
      msP50: percentile(this.ms, 50),
      msP99: percentile(this.ms, 99),
      itemsPerSecond: this.total > 0 ? (this.ms.length * 1000) / this.total : NaN,
    };
  }
}

/** Peak resident set size of this process so far, MB. */
export function peakRssMb(): number {
  // resourceUsage().maxRSS is in kilobytes.
  return process.resourceUsage().maxRSS / 1024;
}
