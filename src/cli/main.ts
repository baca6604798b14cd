// The `unmasking` command (bundled to dist/cli.js). Usage: usage.ts. Exit status: 0 on success,
// 2 on bad input and 1 on an internal error, each failure reported as one line on stderr that
// starts with `unmasking: ` (never a stack trace).
import { ArgumentRangeError, ArgumentTypeError, MemoryLimitError, WasmUnsupportedError } from '../errors.js';
import type { AnyJoint } from '../SparseJoint.js';
import { ready } from '../wasm/runtime.js';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Analysis, analyze } from './analyze.js';
import { writeProblem } from './files.js';
import { type MeasuresCommand, type SchedulesCommand, parseCommandLine } from './args.js';
import { type DatasetSection, formatHtml } from './html.js';
import { formatJson, formatSampleJson, formatSchedulesJson } from './json.js';
import { formatReport } from './report.js';
import type { SampleCommand } from './sampleArgs.js';
import { formatSample } from './sampleReport.js';
import { runSample } from './sampleRun.js';
import { type Epilogue, formatSchedules } from './schedulesReport.js';
import { loadDense, loadSource } from './source.js';
import { studySchedules } from './study.js';
import { usage } from './usage.js';
import { UsageError } from './UsageError.js';
import { VERSION } from './version.js';

/** Exit code and message for an error: 2 for bad input, 1 for an unusable engine or a bug. */
function failure(error: unknown): [code: number, message: string] {
  if (error instanceof UsageError) return [2, error.message];
  if (error instanceof ArgumentTypeError || error instanceof ArgumentRangeError || error instanceof MemoryLimitError) {
    return [2, error.message];
  }
  if (error instanceof WasmUnsupportedError) return [1, error.message.replace(/^unmasking /, '')];
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return [1, `internal error: ${message}`];
}

/** The measures report of an analysis. */
function measuresText({ source, json }: MeasuresCommand, analysis: Analysis): string {
  return json ? formatJson(source, analysis) : formatReport(source, analysis);
}

/** The measures report; with `keep`, the table is left to the caller instead of disposed. */
function measures(command: MeasuresCommand, load = () => loadSource(command.source), keep = false): string {
  return measuresText(command, analyze(load, command.units, keep));
}

/**
 * The schedules study; writes the HTML report (unless --no-report), with a section on
 * `dataset` when given, and returns the output.
 */
function schedules({ source, units, json, steps, policies, report }: SchedulesCommand, load = () => loadSource(source), dataset?: DatasetSection): string {
  const start = performance.now();
  const study = studySchedules(load, steps, units, policies);
  const epilogue: Epilogue = { report: null, reportMs: 0, totalMs: 0 };
  if (report !== null) {
    const begin = performance.now();
    const path = resolve(report);
    const page = formatHtml(source, study, { totalMs: begin - start }, dataset);
    try {
      writeFileSync(path, page);
    } catch (error) {
      throw new UsageError(`cannot write the report "${report}": ${writeProblem(error)}`);
    }
    epilogue.report = path;
    epilogue.reportMs = performance.now() - begin;
  }
  epilogue.totalMs = performance.now() - start;
  return json ? formatSchedulesJson(source, study, epilogue) : formatSchedules(source, study, epilogue);
}

/** The sampler run and its comparison with the exact values. */
function sampleReport(command: SampleCommand): string {
  const run = runSample(command, () => loadDense(command.source));
  return command.json ? formatSampleJson(command.source, run) : formatSample(command.source, run);
}

async function run(argv: readonly string[]): Promise<number> {
  try {
    const command = parseCommandLine(argv);
    if (command.kind === 'help') process.stdout.write(usage());
    if (command.kind === 'version') process.stdout.write(`unmasking ${VERSION}\n`);
    if (command.kind === 'measures' || command.kind === 'schedules' || command.kind === 'sample' || command.kind === 'default') await ready();
    if (command.kind === 'measures') process.stdout.write(measures(command));
    if (command.kind === 'schedules') process.stdout.write(schedules(command));
    if (command.kind === 'sample') process.stdout.write(sampleReport(command));
    if (command.kind === 'default') {
      // One table for the measures and the study (the measures print before the slower study
      // starts); the study frees it, so the sampler run loads its own.
      // The dataset's analysis is made first (a fraction of a second) for its section of report.html,
      // and printed last.
      let joint: AnyJoint | undefined;
      const dataset = analyze(() => loadSource(command.dataset.source), command.dataset.units);
      process.stdout.write(measures(command.measures, () => (joint = loadSource(command.measures.source)), true));
      process.stdout.write('\n' + schedules(command.schedules, () => joint as AnyJoint, { source: command.dataset.source, analysis: dataset }));
      process.stdout.write('\n' + sampleReport(command.sample));
      process.stdout.write('\n' + measuresText(command.dataset, dataset));
    }
    return 0;
  } catch (error) {
    const [code, message] = failure(error);
    process.stderr.write(`unmasking: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    return code;
  }
}

// A closed pipe (`unmasking --help | head -1`) ends the output quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') process.stderr.write(`unmasking: cannot write the output: ${error.message}\n`);
  process.exit(error.code === 'EPIPE' ? 0 : 1);
});
process.exitCode = await run(process.argv.slice(2));
