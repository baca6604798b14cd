// Scales (data → pixels) and tick choice: linear scales with 1-2-5 ticks, log scales with decades.

/** A map from a data interval onto a pixel interval, with its inverse. */
export interface Scale {
  (value: number): number;
  readonly domain: readonly [number, number];
  readonly range: readonly [number, number];
  /** Pixels back to data. */
  invert(pixel: number): number;
}

/** A linear scale mapping domain [d0, d1] onto range [r0, r1] (d0 ≠ d1). */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = (r1 - r0) / (d1 - d0);
  const scale = (value: number) => r0 + (value - d0) * k;
  return Object.assign(scale, { domain, range, invert: (pixel: number) => d0 + (pixel - r0) / k });
}

/** A log scale mapping [d0, d1] (both > 0, d0 ≠ d1) onto [r0, r1]. */
export function logScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const inner = linearScale([Math.log10(domain[0]), Math.log10(domain[1])], range);
  const scale = (value: number) => inner(Math.log10(value));
  return Object.assign(scale, { domain, range, invert: (pixel: number) => 10 ** inner.invert(pixel) });
}

/** Ticks on a linear axis: the step, the ticks, and the domain widened to whole steps. */
export interface LinearTicks {
  step: number;
  ticks: number[];
  domain: [number, number];
}

/**
 * About `count` ticks at multiples of a 1-2-5 step covering [min, max]; the domain is widened to
 * the first and last tick. A zero-width interval becomes [min, min + 1] (or [min - 1, min]).
 */
export function niceTicks(min: number, max: number, count: number, minStep = 0): LinearTicks {
  if (!(max > min)) [min, max] = min > 0 ? [0, min] : min < 0 ? [min, 0] : [0, 1];
  const step = Math.max(niceStep((max - min) / count), minStep);
  const first = Math.floor(min / step + 1e-9);
  const last = Math.ceil(max / step - 1e-9);
  const ticks: number[] = [];
  for (let i = first; i <= last; i++) ticks.push(multiple(i, step));
  return { step, ticks, domain: [ticks[0], ticks[ticks.length - 1]] };
}

/** Integer ticks inside [min, max] (no widening), at most about `count` of them. */
export function integerTicks(min: number, max: number, count: number): { step: number; ticks: number[] } {
  const step = Math.max(1, niceStep((max - min) / count));
  const ticks: number[] = [];
  for (let i = Math.ceil(min / step); i * step <= max; i++) ticks.push(i * step);
  return { step, ticks };
}

/** Ticks on a log axis over the decades 10^lo..10^hi. */
export interface DecadeTicks {
  /** Labelled decades (every `stride`-th exponent). */
  major: number[];
  /** Unlabelled ticks: other decades, and 2..9 × 10^k when the axis spans few decades. */
  minor: number[];
  /** Labelled values between decades (2 and 5 × 10^k) when the axis spans one decade. */
  extra: number[];
}

/** Decade ticks for exponents lo < hi: at most about 7 labels. */
export function decadeTicks(lo: number, hi: number): DecadeTicks {
  const span = hi - lo;
  const stride = Math.max(1, Math.ceil(span / 6));
  const major: number[] = [];
  const minor: number[] = [];
  const extra: number[] = [];
  for (let e = lo; e <= hi; e++) {
    if ((e - lo) % stride === 0) major.push(e);
    else minor.push(10 ** e);
    if (e < hi && span <= 5) {
      for (let m = 2; m <= 9; m++) {
        const value = m * 10 ** e;
        if (span === 1 && (m === 2 || m === 5)) extra.push(value);
        else minor.push(value);
      }
    }
  }
  return { major, minor, extra };
}

/** The 1-2-5 step nearest above `rough` (> 0); 1 for anything not positive and finite. */
export function niceStep(rough: number): number {
  if (!(rough > 0 && Number.isFinite(rough))) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  const m = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return multiple(m, power);
}

/** i × step without binary noise (3 × 0.1 = 0.3, not 0.30000000000000004). */
function multiple(i: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return Number((i * step).toFixed(Math.min(decimals, 100)));
}
