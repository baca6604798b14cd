// Strict decimal numbers for the command line: Number('') is 0 and Number('0x10') is 16,
// so only plain decimals (optionally signed, with an exponent) are accepted.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** The value of a plain decimal such as `0.3`, `-2` or `1e-3`; undefined for anything else. */
export function parseDecimal(text: string): number | undefined {
  return DECIMAL.test(text) ? Number(text) : undefined;
}
