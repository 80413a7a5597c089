/** What the queue needs of a job: its model, and whether someone waits for it now. */
export interface QueuedWork {
  recipe: { model: string };
  urgent: boolean;
}

/**
 * Frames waiting for a worker: urgent ones (a preview someone is looking at) always
 * before prefetch, each in arrival order. A job the worker cannot render stays put.
 */
export class RenderQueue<J extends QueuedWork> {
  private readonly urgent: J[] = [];
  private readonly later: J[] = [];

  get size(): number {
    return this.urgent.length + this.later.length;
  }

  get hasUrgent(): boolean {
    return this.urgent.length > 0;
  }

  push(job: J): void {
    (job.urgent ? this.urgent : this.later).push(job);
  }

  /** Back to the front of its line: a job whose worker went away. */
  pushFront(job: J): void {
    (job.urgent ? this.urgent : this.later).unshift(job);
  }

  /** Moves a waiting prefetch job to the urgent line once someone wants it now. */
  promote(job: J): void {
    const at = this.later.indexOf(job);
    job.urgent = true;
    if (at >= 0) {
      this.later.splice(at, 1);
      this.urgent.push(job);
    }
  }

  remove(job: J): boolean {
    const line = job.urgent ? this.urgent : this.later;
    const at = line.indexOf(job);
    if (at >= 0) line.splice(at, 1);
    return at >= 0;
  }

  /**
   * Takes up to `count` jobs that `accepts` allows: urgent ones when there are any,
   * and then only those. A batch is answered whole, so prefetch riding along would
   * hold a preview back until every frame in the batch is done.
   */
  take(count: number, accepts: (job: J) => boolean): J[] {
    const urgent = takeFrom(this.urgent, count, accepts);
    return urgent.length > 0 ? urgent : takeFrom(this.later, count, accepts);
  }

  /** Removes and returns every job matching `matches`. */
  drain(matches: (job: J) => boolean): J[] {
    return [...takeFrom(this.urgent, Infinity, matches), ...takeFrom(this.later, Infinity, matches)];
  }
}

function takeFrom<J>(line: J[], count: number, accepts: (job: J) => boolean): J[] {
  const taken: J[] = [];
  for (let i = 0; i < line.length && taken.length < count; ) {
    if (accepts(line[i]!)) taken.push(...line.splice(i, 1));
    else i++;
  }
  return taken;
}
