// A progress bar on stderr for long runs: drawn only when stderr is a terminal and the run has
// lasted longer than `delayMs`, redrawn in place at most every 100 ms, erased when done. It never
// writes to stdout, so the report and --json stay clean.

/** What a long computation reports to: update(done, total) as it goes, finish() at the end. */
export interface Progress {
  update(done: number, total: number): void;
  finish(): void;
}

const WIDTH = 30;
const REDRAW_MS = 100;

/** `12.3 s`, `850 ms`. */
function seconds(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/**
 * A bar labelled `label` (e.g. `sampling`) counting `unit` (e.g. `rows`) on `stream`; a no-op
 * unless the stream is a TTY.
 */
export function progressBar(label: string, unit: string, stream: NodeJS.WriteStream = process.stderr, delayMs = 1000): Progress {
  if (!stream.isTTY) return { update() {}, finish() {} };
  const start = performance.now();
  let drawnAt = -Infinity;
  let drawn = false;
  return {
    update(done, total) {
      const now = performance.now();
      const elapsed = now - start;
      if (elapsed < delayMs || (now - drawnAt < REDRAW_MS && done < total)) return;
      const fraction = total > 0 ? done / total : 1;
      const filled = Math.round(fraction * WIDTH);
      const left = fraction > 0 ? (elapsed * (1 - fraction)) / fraction : NaN;
      const eta = done < total && Number.isFinite(left) ? `, ${seconds(left)} left` : '';
      const line = `${label} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%  ${done}/${total} ${unit}, ${seconds(elapsed)}${eta}`;
      stream.write(`\r${line}\x1b[K`);
      drawnAt = now;
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\r\x1b[K');
      drawn = false;
    },
  };
}
