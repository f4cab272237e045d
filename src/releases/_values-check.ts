// Checks a construct's `values` escape hatch at synth, as Helm would at install time and beyond:
// the pinned chart's values.schema.json (types, enums, closed objects), and the value paths the
// chart's templates read (a key no template reads is silently ignored by Helm; external-dns's
// schema is open, so only this check catches a misspelt key there). The data is vendored in
// upstream/ (see upstream/SOURCES.md) and loaded only when a construct is given `values`.
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { schemaViolations } from './_json-schema';
import { HelmChartRef } from './charts';
import { isMap } from '../internal/objects';
import { show } from '../internal/validate';

interface ChartData {
  readonly schema: any;
  readonly defaults: { [key: string]: any };
  readonly templateReads: string[][];
}

const UPSTREAM = join(__dirname, '..', '..', 'upstream');
const loaded = new Map<string, ChartData | undefined>();

/** The vendored data of a chart version, or undefined for a chart this library does not pin. */
function chartData(chart: HelmChartRef): ChartData | undefined {
  const key = `${chart.chart}@${chart.version}`;
  if (!loaded.has(key)) {
    const base = join(UPSTREAM, `${chart.chart}-chart-${chart.version}`);
    if (!existsSync(`${base}-synth-check.json`)) {
      loaded.set(key, undefined);
    } else {
      const check = JSON.parse(readFileSync(`${base}-synth-check.json`, 'utf8'));
      loaded.set(key, {
        schema: JSON.parse(readFileSync(`${base}-values.schema.json`, 'utf8')),
        defaults: check.defaults,
        templateReads: check.templateReads.map((r: string) => r.split('.')),
      });
    }
  }
  return loaded.get(key);
}

/**
 * Fails with `<property>.<path>: expected ..., got ...` for the first problem in `userValues`
 * (checked inside `finalValues`, the merged values the release installs). A chart version that
 * is not vendored here is not checked.
 */
export function checkChartValues(
  property: string, chart: HelmChartRef, userValues: { [key: string]: any }, finalValues: { [key: string]: any },
): void {
  if (!isMap(userValues)) {
    throw new Error(`${property}: expected a map of chart values, got ${show(userValues)}`);
  }
  const data = chartData(chart);
  if (!data) return;
  const problems: string[] = [];
  // Helm validates the chart's defaults coalesced with the given values.
  for (const v of schemaViolations(data.schema, coalesce(data.defaults, finalValues))) {
    problems.push(`${property}${pathText(v.path)}: ${v.message}`);
  }
  for (const path of leafPaths(userValues)) {
    if (!isRead(data.templateReads, path)) {
      problems.push(`${property}${pathText(path)}: expected a value the ${chart.chart} ${chart.version} chart reads (no template reads "${path.join('.')}", so Helm would silently ignore it), got ${show(valueAt(userValues, path))}`);
    }
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
}

/** Helm's coalescing: maps merge key by key, a null deletes the chart's default. */
function coalesce(defaults: any, values: any): any {
  if (!isMap(defaults) || !isMap(values)) return values;
  const out: { [key: string]: any } = { ...defaults };
  for (const [key, value] of Object.entries(values)) {
    if (value === null) delete out[key];
    else out[key] = key in defaults ? coalesce(defaults[key], value) : value;
  }
  return out;
}

/** Paths to every value, stopping at lists and empty maps (their content is the template's business). */
function leafPaths(values: any, prefix: string[] = []): string[][] {
  if (!isMap(values) || (Object.keys(values).length === 0 && prefix.length > 0)) return [prefix];
  return Object.entries(values).flatMap(([key, value]) => leafPaths(value, [...prefix, key]));
}

/**
 * A path is read if a template reads it or one of its parents (the whole map is passed on), or,
 * for a null (delete the default), reads anything below it. `enabled` is the subchart toggle
 * parent charts read.
 */
function isRead(reads: string[][], path: string[]): boolean {
  if (path.length === 1 && path[0] === 'enabled') return true;
  return reads.some((read) => read.length <= path.length && read.every((key, i) => key === path[i]))
    || reads.some((read) => read.length > path.length && path.every((key, i) => key === read[i]));
}

function valueAt(values: any, path: string[]): any {
  return path.reduce((v, key) => v?.[key], values);
}

function pathText(path: Array<string | number>): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`)).join('');
}
