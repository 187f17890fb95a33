/** Helpers for comparing runs made from snapshots by different paths (one machine, plan + tasks + merge, Slurm). */
import type { RunHeader, RunPointRecord } from '../../src/run/types';

/** Point records without what differs between two computations of the same numbers: the time each took. */
export function comparablePoints(points: readonly RunPointRecord[]): Omit<RunPointRecord, 'ms'>[] {
  return points.map((p) => {
    const { ms: _ms, ...rest } = p as RunPointRecord & { ms?: number };
    return rest;
  });
}

/** A run header without its identity (run id and creation time). */
export function comparableHeader(h: RunHeader): Omit<RunHeader, 'runId' | 'created'> {
  const { runId: _runId, created: _created, ...rest } = h;
  return rest;
}
