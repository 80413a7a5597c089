/**
 * Seconds left of a running export, from its pace so far; null until it has done a
 * frame (no pace yet). `now` and `startedAt` in milliseconds.
 */
export function exportSecondsLeft(job: { framesDone: number; frames: number; startedAt: string | null }, now: number): number | null {
  if (!job.startedAt || job.framesDone === 0) return null;
  const elapsed = Math.max(0, now - Date.parse(job.startedAt)) / 1000;
  return (elapsed / job.framesDone) * (job.frames - job.framesDone);
}

/** "about 40 s", "about 3 min": rounded as a person says it. */
export function roughDuration(seconds: number): string {
  if (seconds < 60) return `about ${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 3600) return `about ${Math.round(seconds / 60)} min`;
  return `about ${(seconds / 3600).toFixed(1)} h`;
}
