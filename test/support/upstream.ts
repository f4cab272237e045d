import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { mergeValues } from '../../src/releases/_merge';

/** The upstream charts' data, vendored in the repository (see upstream/SOURCES.md). */
export const UPSTREAM_DIR = join(__dirname, '..', '..', 'upstream');

function upstreamFile(name: string): string {
  const file = join(UPSTREAM_DIR, name);
  if (!existsSync(file)) throw new Error(`missing ${file}: run npm run upstream:refresh`);
  return readFileSync(file, 'utf8');
}

const validators: { [chart: string]: any } = {};

/**
 * Validates values the way `helm install` does: the chart's defaults with ours merged over them,
 * against the chart's values.schema.json. Returns the schema errors (empty when valid).
 */
export function chartValueErrors(chart: string, version: string, values: any): string[] {
  const key = `${chart}@${version}`;
  // The file names of upstream/ (see scripts/upstream-refresh.ts); a chart not vendored fails in upstreamFile.
  const base = `${chart}-chart-${version}`;
  validators[key] ??= new Ajv({ strict: false, allErrors: true }).compile(JSON.parse(upstreamFile(`${base}-values.schema.json`)));
  const merged = mergeValues(parse(upstreamFile(`${base}-values.yaml`)), values);
  const validate = validators[key];
  return validate(merged) ? [] : validate.errors.map((e: any) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}
