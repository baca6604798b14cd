// bench/RESULTS.md holds one section per bench script, each between its own markers
//   <!-- section: NAME -->
//   ...markdown...
//   <!-- end: NAME -->
// so that a script rewrites only its section and leaves the others as they are; and the
// markdown tables the sections are made of.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const begin = (name) => `<!-- section: ${name} -->`;
const end = (name) => `<!-- end: ${name} -->`;

/**
 * Replaces section `name` of the markdown file `file` by `markdown` (the text between the
 * markers), or appends the section at the end when the file or the section is missing.
 * Throws when the file has a begin marker without its end marker.
 */
export function writeSection(file, name, markdown) {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const block = `${begin(name)}\n${markdown.trim()}\n${end(name)}`;
  const start = text.indexOf(begin(name));
  let next;
  if (start < 0) {
    next = `${text.trimEnd()}${text.trim() ? '\n\n' : ''}${block}\n`;
  } else {
    const stop = text.indexOf(end(name), start);
    if (stop < 0) throw new Error(`writeSection: ${file} has "${begin(name)}" but no "${end(name)}"`);
    next = text.slice(0, start) + block + text.slice(stop + end(name).length);
  }
  writeFileSync(file, next);
}

/** A markdown table: a header row, its rule, then one row per array of cells. */
export function table(header, rows) {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}
