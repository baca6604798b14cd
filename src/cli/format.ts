// Plain-text layout for the terminal: fixed-point numbers and aligned columns.

/** `value` with `digits` decimals; a value that rounds to zero prints without a minus sign. */
export function fixed(value: number, digits = 10): string {
  const text = value.toFixed(digits);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

/** A duration in milliseconds with three significant digits or more: 0.0421, 1.42, 315. */
export function milliseconds(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms.toPrecision(3);
}

/** Columns `text` takes on a terminal: combining marks (the hat of p̂) take none. */
export function displayWidth(text: string): number {
  return [...text.replace(/\p{M}/gu, '')].length;
}

/**
 * Rows of cells as lines with aligned columns: each column as wide as its widest cell, cells
 * right-aligned where `right[c]` is true and left-aligned otherwise, columns two spaces apart,
 * each line indented by `indent` and stripped of trailing spaces.
 */
export function columns(rows: readonly (readonly string[])[], right: readonly boolean[], indent = '  '): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => displayWidth(row[c]))));
  return rows.map((row) => {
    const cells = row.map((cell, c) => {
      const pad = ' '.repeat(widths[c] - displayWidth(cell));
      return right[c] ? pad + cell : cell + pad;
    });
    return (indent + cells.join('  ')).trimEnd();
  });
}

/**
 * A result for a table cell: `digits` decimals, or 3 significant digits in exponent form when
 * smaller than 10^-(digits-2); "0" when |value| <= 1e-12 scale (rounding noise around an
 * exact 0, such as the KL of an all-ones schedule).
 */
export function amount(value: number, scale: number, digits = 6): string {
  if (Math.abs(value) <= 1e-12 * Math.abs(scale)) return '0';
  if (Math.abs(value) >= 10 ** -(digits - 2)) return fixed(value, digits);
  return value.toExponential(2);
}

/** Step sizes as `[1, 2, 2, 3]`; past `max` entries the middle is elided: `[1, 1, 1, …, 2] (K = 20)`. */
export function sizeList(sizes: readonly number[], max = 10): string {
  if (sizes.length <= max) return `[${sizes.join(', ')}]`;
  return `[${sizes.slice(0, max - 2).join(', ')}, …, ${sizes[sizes.length - 1]}] (K = ${sizes.length})`;
}

/** a / b to 3 decimals, or "—" when b is rounding noise around 0 (or either is missing). */
export function ratio(a: number | null, b: number | null, scale: number): string {
  if (a === null || b === null || Math.abs(b) <= 1e-12 * Math.abs(scale)) return '—';
  return (Math.abs(a) <= 1e-12 * Math.abs(scale) ? 0 : a / b).toFixed(3);
}

/** `K = 4 steps`, `K = 1 step`. */
export function stepsText(K: number): string {
  return `K = ${K} step${K === 1 ? '' : 's'}`;
}
