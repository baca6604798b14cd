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
 * the first and last tick, and by one more step when the last tick would leave less than
 * `headroom` (a fraction of the domain) above max. A zero-width interval becomes [0, min] (or
 * [min, 0], or [0, 1]).
 */
export function niceTicks(min: number, max: number, count: number, headroom = 0): LinearTicks {
  if (!(max > min)) [min, max] = min > 0 ? [0, min] : min < 0 ? [min, 0] : [0, 1];
  const step = niceStep((max - min) / count);
  const first = Math.floor(min / step + 1e-9);
  let last = Math.ceil(max / step - 1e-9);
  if (last * step - max < headroom * (last - first) * step) last++;
  const ticks: number[] = [];
  for (let i = first; i <= last; i++) ticks.push(multiple(i, step));
  return { step, ticks, domain: [ticks[0], ticks[ticks.length - 1]] };
}

/**
 * Integer ticks inside [min, max] (no widening), at most about `count` of them, at multiples of
 * a 1-2-5 step; a smaller step when that would leave fewer than two ticks.
 */
export function integerTicks(min: number, max: number, count: number): { step: number; ticks: number[] } {
  let step = Math.max(1, niceStep((max - min) / count));
  for (;;) {
    const ticks: number[] = [];
    for (let i = Math.ceil(min / step); i * step <= max; i++) ticks.push(i * step);
    if (ticks.length >= 2 || step === 1) return { step, ticks };
    step = niceStep(step / 2.5 - 1e-9); // 10 → 5 → 2 → 1
  }
}

/** A tick on a log axis: the value m × 10^e (m = 1, 2 or 5 when labelled). */
export interface LogTick {
  m: number;
  e: number;
  value: number;
}

/** Ticks on a log axis: labelled ones, and unlabelled minor ones (values). */
export interface LogTicks {
  labelled: LogTick[];
  minor: number[];
}

/**
 * Ticks for a log axis over [10^lo, 10^hi] (lo < hi, real exponents) drawn `pixels` long: the
 * decades inside it, every `stride`-th labelled so that at most about 7 labels show, at least
 * 18 px apart. When fewer than three decades fall inside and a decade spans 70 px or more,
 * 2 × 10^e and 5 × 10^e are labelled too (an interval of one decade or more always holds at least
 * two of 1, 2, 5 × 10^e). Over at most 5 decades the other multiples 2..9 × 10^e become minor
 * ticks.
 */
export function logTicks(lo: number, hi: number, pixels = Infinity): LogTicks {
  const first = Math.ceil(lo - 1e-9);
  const last = Math.floor(hi + 1e-9);
  const perDecade = pixels / (hi - lo);
  const stride = Math.max(1, Math.ceil((last - first) / 6), Math.ceil(18 / perDecade));
  const inside = (e: number, m: number) => {
    const x = Math.log10(m) + e;
    return x >= lo - 1e-9 && x <= hi + 1e-9;
  };
  const labelled: LogTick[] = [];
  const minor: number[] = [];
  const fewDecades = last - first < 2 && perDecade >= 70; // 2, 5, 10 lie 0.3 and 0.4 decades apart
  for (let e = Math.floor(lo); e <= Math.ceil(hi); e++) {
    for (let m = 1; m <= 9; m++) {
      if (!inside(e, m)) continue;
      const value = Number(`${m}e${e}`);
      if (m === 1 && (e - first) % stride === 0) labelled.push({ m, e, value });
      else if (fewDecades && (m === 2 || m === 5)) labelled.push({ m, e, value });
      else if (hi - lo <= 5 || m === 1) minor.push(value);
    }
  }
  return { labelled, minor };
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
