/**
 * A persistent, lazily grown pool of worker threads running one compiled worker file, shared by the threaded
 * kernels (KDE/CS row sums, DSMI's DSE tasks). Workers are unref'd (they never keep the process alive). The
 * pool turns itself off when the file is missing (running from the TypeScript sources), when a worker cannot
 * start or fails, or when its user calls `disable()`; callers then do the work on the calling thread.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

export class WorkerPool {
  private pool: Worker[] = [];
  private disabled = false;

  constructor(private readonly file: string) {}

  /** `count` workers (started on first use and reused), or null when workers cannot run here. */
  workers(count: number): Worker[] | null {
    if (!this.available()) return null;
    try {
      while (this.pool.length < count) {
        const w = new Worker(this.file);
        w.unref();
        w.on('error', () => {
          this.disabled = true;
        });
        this.pool.push(w);
      }
    } catch {
      this.disabled = true;
      return null;
    }
    return this.pool.slice(0, count);
  }

  /** True when the compiled worker file exists and workers have not failed. */
  available(): boolean {
    return !this.disabled && existsSync(this.file);
  }

  /** Stop using workers (after one failed or stalled). */
  disable(): void {
    this.disabled = true;
  }

  /** Stop the pool's workers; a later call to `workers` starts new ones. */
  async terminate(): Promise<void> {
    const old = this.pool;
    this.pool = [];
    await Promise.all(old.map((w) => w.terminate()));
  }
}
