/**
 * @module bench/tasks
 * The task registry, in the order sections appear in docs/benchmarks.md.
 */
import type { BenchTask } from '../lib/task.ts';
import { consistencyTask } from './consistency.ts';
import { meterDerivedTask } from './meter-derived.ts';
import { meterSpansTask } from './meter-spans.ts';
import { reuseLevelTask } from './reuse-level.ts';
import { sentenceEquivalenceTask } from './sentence-equivalence.ts';

export const TASKS: BenchTask[] = [sentenceEquivalenceTask, consistencyTask, meterDerivedTask, reuseLevelTask, meterSpansTask];
