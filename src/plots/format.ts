// Numbers and units as the plots print them: never 0.30000000000000004, never NaN.

const SUPERSCRIPT: Record<string, string> = {
  '-': '\u207B', '0': '\u2070', '1': '\u00B9', '2': '\u00B2', '3': '\u00B3', '4': '\u2074',
  '5': '\u2075', '6': '\u2076', '7': '\u2077', '8': '\u2078', '9': '\u2079',
};

/** A value for a label: 4 significant digits, trailing zeros dropped (0.3064, 12.5, 1.2e-7). */
export function formatValue(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude < 1e-3 || magnitude >= 1e5) {
    const [mantissa, exponent] = value.toExponential(3).split('e');
    return `${stripZeros(mantissa)}e${Number(exponent)}`;
  }
  return stripZeros(value.toPrecision(4));
}

/** A tick label for a multiple of `step` (1, 2 or 5 times a power of ten): just enough decimals. */
export function formatTick(value: number, step: number): string {
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const label = value.toFixed(decimals);
  return /^-0(\.0*)?$/.test(label) ? label.slice(1) : label;
}

/**
 * The label of the log-axis tick m × 10^e: plain (0.02, 1, 500) when `plain`, else 10⁻⁵ or
 * 2×10⁻⁵.
 */
export function formatLogTick(m: number, e: number, plain: boolean): string {
  if (plain) return formatValue(Number(`${m}e${e}`));
  const power = `10${[...String(e)].map((c) => SUPERSCRIPT[c]).join('')}`;
  return m === 1 ? power : `${m}×${power}`;
}

/** The unit name for a logarithm base: nats, bits, hartleys, or "log base b units". */
export function unitName(base: number | undefined): string {
  if (base === undefined || base === Math.E) return 'nats';
  if (base === 2) return 'bits';
  if (base === 10) return 'hartleys';
  return `log-base-${formatValue(base)} units`;
}

/** A list of sizes for a label, shortened past `max` entries: [2, 2, 2, …, 3] (K = 20). */
export function formatSizes(sizes: readonly number[], max = 8): string {
  if (sizes.length <= max) return `[${sizes.join(', ')}]`;
  return `[${sizes.slice(0, max - 2).join(', ')}, …, ${sizes[sizes.length - 1]}] (K = ${sizes.length})`;
}

function stripZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/**
 * `value`, or 0 when it is rounding noise next to `scale` (|value| <= 1e-12 |scale|): so a
 * TC that is 0 in exact arithmetic prints as 0, not 4.441e-16.
 */
export function dropNoise(value: number, scale: number): number {
  return Math.abs(value) <= 1e-12 * Math.abs(scale) ? 0 : value;
}

/** The size of a profile's numbers, max(|h(n)|, n max |D(j)|), in the plotted unit: the yardstick of dropNoise. */
export function profileScale(profile: { h: ArrayLike<number>; D: ArrayLike<number> }, n: number, divisor: number): number {
  let maxD = 0;
  for (let j = 0; j < n; j++) maxD = Math.max(maxD, Math.abs(profile.D[j]));
  return Math.max(Math.abs(profile.h[n]), n * maxD) / divisor;
}
