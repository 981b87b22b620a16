/**
 * @module bench/tasks
 * The task registry, in the order sections appear in docs/benchmarks.md (pipeline order).
 */
import type { BenchTask } from '../lib/task.ts';
import { changeKindsTask } from './change-kinds.ts';
import { consistencyTask } from './consistency.ts';
import { contentFarmCopiesTask } from './content-farm-copies.ts';
import { extractionTask } from './extraction.ts';
import { furnitureCutsTask } from './furniture-cuts.ts';
import { hostileTask } from './hostile.ts';
import { ingestTask } from './ingest.ts';
import { loadTask } from './load.ts';
import { meterDerivedTask } from './meter-derived.ts';
import { meterSpansTask } from './meter-spans.ts';
import { retrievalTask } from './retrieval.ts';
import { scaleTask } from './scale.ts';
import { reuseLevelTask } from './reuse-level.ts';
import { sentenceEquivalenceTask } from './sentence-equivalence.ts';
import { speedTask } from './speed.ts';

export const TASKS: BenchTask[] = [
  extractionTask,
  furnitureCutsTask,
  ingestTask,
  retrievalTask,
  meterDerivedTask,
  reuseLevelTask,
  meterSpansTask,
  changeKindsTask,
  contentFarmCopiesTask,
  sentenceEquivalenceTask,
  consistencyTask,
  loadTask,
  speedTask,
  hostileTask,
  scaleTask,
];
