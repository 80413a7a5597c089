/**
 * Each frame's delay in whole ticks (`ticksPerSecond`: 100 for GIF's centiseconds,
 * 1000 for WebP's milliseconds) such that the running total never drifts from the
 * frames' true times by half a tick: at 24 fps a GIF alternates 4 and 5 centiseconds
 * and plays as long as the chain, where 4 every time would play 4 % fast.
 */
export function frameDelays(frames: number, fps: number, ticksPerSecond: number): number[] {
  const at = (i: number) => Math.round((i * ticksPerSecond) / fps);
  return Array.from({ length: frames }, (_, i) => at(i + 1) - at(i));
}
