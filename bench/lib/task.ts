/**
 * @module bench/lib/task
 * The shape every benchmark task has. A task reads its datasets, runs unspun and the
 * in-process baselines, and returns markdown plus the named numbers the CI gate checks.
 */
import type { SpeedRow } from './measure.ts';

export interface TaskOptions {
  /** CI gate subset: small, deterministic samples, seconds not minutes. */
  quick: boolean;
  log: (message: string) => void;
}

export interface TaskResult {
  /** Markdown body (tables and short notes); the runner adds the heading and provenance. */
  markdown: string;
  /** Named numbers for the gate, e.g. `mrpc.dev.accuracy`. Only dev/train-split numbers. */
  metrics: Record<string, number>;
  speed: SpeedRow[];
  /** Parts that could not run because another module is missing. */
  unavailable: string[];
}

export interface BenchTask {
  name: string;
  title: string;
  /** Part of the `--quick` gate subset. */
  inQuick: boolean;
  run(opts: TaskOptions): Promise<TaskResult>;
}
