// The machine-readable output of `unmasking measures --json`, `unmasking schedules --json` and
// `unmasking sample --json`: one JSON object each, schemas below.
import type { Analysis } from './analyze.js';
import { conditionalsCost } from './sampleReport.js';
import type { SampleRun } from './sampleRun.js';
import type { Epilogue } from './schedulesReport.js';
import { type Source, describeSource } from './source.js';
import { MIXTURE_LIMITS, type Study } from './study.js';

/**
 * The analysis as pretty-printed JSON, ending in a newline:
 * `{ model, input, samples, dataset, description, q, n, base, units, measures, profile: { h, D },
 * support, bestSchedules: [{ K, sizes, expectedKL, constantKL }], timingMs }`. `model` is the
 * canonical model spec, `input` the JSON file, `samples` the samples file, `dataset` the
 * dataset's name (each null unless it is the source); `support` the rows of a sparse table (else null);
 * `base` is the logarithm base (Math.E for nats) and `units` its label; `measures` uses the
 * names of the Joint methods; `timingMs` holds `{ table, measures, total }` in milliseconds.
 */
export function formatJson(source: Source, analysis: Analysis): string {
  const { q, n, units, measures, profile, timingMs } = analysis;
  const output = {
    ...sourceFields(source),
    q,
    n,
    base: units.base,
    units: units.label,
    measures,
    profile,
    support: analysis.support,
    bestSchedules: analysis.bestSchedules,
    timingMs,
  };
  return JSON.stringify(output, null, 2) + '\n';
}

/**
 * The schedules study as pretty-printed JSON, ending in a newline:
 * `{ command: "schedules", model, input, samples, dataset, description, q, n, K, base, units, measures:
 * { entropy, totalCorrelation, dualTotalCorrelation }, profile: { h, D }, families: [{ name,
 * origin, sizes, expectedKL, mixtureKL, bounds: { dimensionFree, liCai }, best }], policies:
 * [{ policy, threshold, schedule, sizes, kl, expectedKL, best }], adapted: [{ rule, eps,
 * choice, sizes, expectedKL, guaranteeName, guarantee }], limits: { mixtureCells,
 * mixtureWork }, report, timingMs: { table, expectedKL, mixture, policies, report, total } }`.
 * Values are in `units`; mixtureKL and kl are null where skipped as too large; report is the
 * absolute path of the HTML report or null.
 */
export function formatSchedulesJson(source: Source, study: Study, epilogue: Epilogue): string {
  const { q, n, K, units, measures, profile, families, policies, adapted, timingMs } = study;
  const divisor = Math.log(units.base);
  const output = {
    command: 'schedules',
    ...sourceFields(source),
    q,
    n,
    K,
    base: units.base,
    units: units.label,
    measures,
    profile: { h: Array.from(profile.h, (v) => v / divisor), D: Array.from(profile.D, (v) => v / divisor) },
    families,
    policies,
    adapted,
    limits: { mixtureCells: MIXTURE_LIMITS.cells, mixtureWork: MIXTURE_LIMITS.work },
    report: epilogue.report,
    timingMs: { ...timingMs, report: epilogue.reportMs, total: epilogue.totalMs },
  };
  return JSON.stringify(output, null, 2) + '\n';
}

/**
 * Where the table came from: the model spec, the input path, the samples path or the dataset
 * name (the others null), in words too.
 */
function sourceFields(source: Source): { model: string | null; input: string | null; samples: string | null; dataset: string | null; description: string } {
  return {
    model: source.kind === 'model' ? source.model.spec : null,
    input: source.kind === 'input' ? source.path : null,
    samples: source.kind === 'samples' ? source.path : null,
    dataset: source.kind === 'dataset' ? source.name : null,
    description: describeSource(source),
  };
}

/** JSON has no infinity: +Infinity (a row outside p's support) is written as the string "Infinity". */
function finiteOr(value: number | null): number | string | null {
  return value === Infinity ? 'Infinity' : value;
}

/**
 * The sample run as pretty-printed JSON, ending in a newline:
 * `{ command: "sample", model, input, samples, dataset, description, q, n, base, units, schedule, K, sizes,
 * policy, threshold, temperature, count, seed, conditionals: { source, latticeCells, cost },
 * samplesPerSecond, kl: { empiricalToP, empiricalToQ, bias, support, exact, exactReverse,
 * expected }, missing, expectedMissing, outsideSupport, out: { path, format, bytes }, limits: { mixtureCells,
 * mixtureWork }, timingMs: { table, sample, write, exact, total } }`. KL values are in `units`;
 * `seed` is a decimal string (seeds reach 2^64); exact values are null when `missing` says
 * "too large", kl.expected when `expectedMissing` says "no sizes" (the
 * threshold policy) or "too large"; `sizes` and `K` are null for the threshold policy; `out` is null
 * without --out; +Infinity is the string "Infinity".
 */
export function formatSampleJson(source: Source, run: SampleRun): string {
  const { q, n, units, kl } = run;
  const output = {
    command: 'sample',
    ...sourceFields(source),
    q,
    n,
    base: units.base,
    units: units.label,
    schedule: run.schedule,
    K: run.sizes === null ? null : run.sizes.length,
    sizes: run.sizes,
    policy: run.policy,
    threshold: run.threshold,
    temperature: run.temperature,
    count: run.count,
    seed: String(run.seed),
    conditionals: { source: run.conditionals.source, latticeCells: run.conditionals.latticeCells, cost: conditionalsCost(run).join(' ') },
    samplesPerSecond: run.samplesPerSecond,
    kl: {
      empiricalToP: finiteOr(kl.empiricalToP),
      empiricalToQ: finiteOr(kl.empiricalToQ),
      bias: kl.bias,
      support: kl.support,
      exact: finiteOr(kl.exact),
      exactReverse: finiteOr(kl.exactReverse),
      expected: kl.expected,
    },
    missing: run.missing,
    expectedMissing: run.expectedMissing,
    outsideSupport: run.outsideSupport,
    out: run.out,
    limits: { mixtureCells: MIXTURE_LIMITS.cells, mixtureWork: MIXTURE_LIMITS.work },
    timingMs: run.timingMs,
  };
  return JSON.stringify(output, null, 2) + '\n';
}
