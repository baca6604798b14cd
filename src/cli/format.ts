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

/**
 * Rows of cells as lines with aligned columns: each column as wide as its widest cell, cells
 * right-aligned where `right[c]` is true and left-aligned otherwise, columns two spaces apart,
 * each line indented by `indent` and stripped of trailing spaces.
 */
export function columns(rows: readonly (readonly string[])[], right: readonly boolean[], indent = '  '): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  return rows.map((row) => {
    const cells = row.map((cell, c) => (right[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c])));
    return (indent + cells.join('  ')).trimEnd();
  });
}
