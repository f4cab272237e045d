// Renders Helm releases with the real chart and the real helm binary (`helm template`), so tests
// can assert on the Kubernetes objects a release installs rather than on the values it passes.
// The charts are the vendored archives upstream/charts/<chart>-<version>.tgz; the binary is the
// pinned helm v4 of scripts/helm-binary.ts.
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { gunzipSync, gzipSync } from 'zlib';
import { parseAllDocuments } from 'yaml';
import { helmBinary } from '../../scripts/helm-binary';

/** The vendored chart archives. */
export const CHARTS_DIR = join(__dirname, '..', '..', 'upstream', 'charts');

export interface RenderOptions {
  /** Extra API versions the "cluster" serves (`--api-versions`), e.g. `monitoring.coreos.com/v1`. */
  readonly apiVersions?: string[];
}

export interface RenderChartOptions extends RenderOptions {
  /** The release name; the chart's name when unset. */
  readonly releaseName?: string;
  /** The release namespace; `default` when unset. */
  readonly namespace?: string;
}

/** One `set`, `set_list` or `set_sensitive` entry of a `helm_release`, as a helm flag. */
interface SetEntry {
  /** `--set`, `--set-string` or `--set-literal`. */
  readonly flag: string;
  /** `name=value`. */
  readonly assignment: string;
  /** The value's path, for the order check. */
  readonly name: string;
}

// helm applies its flags by kind, not in command-line order: -f files, then every --set, then
// every --set-string, then every --set-literal (values.Options.MergeValues).
const FLAG_ORDER = ['--set', '--set-string', '--set-literal'];

function setEntries(release: any, key: string, list: boolean): SetEntry[] {
  const entries = release[key] ?? [];
  if (!Array.isArray(entries)) throw new Error(`renderRelease: helm_release ${release.name}: ${key} must be a list`);
  return entries.map((entry: any) => {
    if (typeof entry?.name !== 'string') throw new Error(`renderRelease: helm_release ${release.name}: a ${key} entry has no name: ${JSON.stringify(entry)}`);
    if (list) {
      // The provider: strvals.ParseInto("name={a,b}").
      if (!Array.isArray(entry.value)) throw new Error(`renderRelease: helm_release ${release.name}: ${key} ${entry.name} must have a list value`);
      return { flag: '--set', assignment: `${entry.name}={${entry.value.join(',')}}`, name: entry.name };
    }
    const flag = entry.type === 'string' ? '--set-string' : entry.type === 'literal' ? '--set-literal' : '--set';
    return { flag, assignment: `${entry.name}=${entry.value ?? ''}`, name: entry.name };
  });
}

/** Whether one value path is the other or inside it (`a.b` and `a.b.c`, `a` and `a[0]`). */
function overlaps(a: string, b: string): boolean {
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  return longer === shorter || (longer.startsWith(shorter) && /^[.[]/.test(longer.slice(shorter.length)));
}

/**
 * The provider applies the entries one by one in their order (set, set_list, set_sensitive),
 * helm by flag kind: refuses an order whose result would differ, e.g. a `type: string` entry of a
 * path followed by an untyped one of the same path.
 */
function checkSetOrder(releaseName: string, entries: SetEntry[]): void {
  entries.forEach((later, j) => entries.slice(0, j).forEach((earlier) => {
    if (FLAG_ORDER.indexOf(earlier.flag) > FLAG_ORDER.indexOf(later.flag) && overlaps(earlier.name, later.name)) {
      throw new Error(`renderRelease: helm_release ${releaseName}: ${earlier.flag} ${earlier.name} before ${later.flag} ${later.name}: `
        + 'helm applies every --set before any --set-string or --set-literal, so this order cannot be rendered as the provider applies it');
    }
  }));
}

/** Everything that decides a render: also the cache key. */
interface RenderInput {
  readonly chart: string;
  readonly version: string;
  readonly releaseName: string;
  readonly namespace: string;
  readonly values: string[];
  readonly sets: SetEntry[];
  readonly apiVersions: string[];
  readonly includeCrds: boolean;
  readonly hooks: boolean;
}

/** The vendored archive of a chart version; throws naming the file when it is not vendored. */
export function chartArchive(chart: string, version: string): string {
  // An OCI or repository-qualified chart reference is looked up by its last path segment.
  const name = chart.replace(/\/+$/, '').split('/').pop()!;
  const file = join(CHARTS_DIR, `${name}-${version}.tgz`);
  if (!existsSync(file)) {
    throw new Error(`chart ${chart}@${version} is not vendored: missing ${file} (add it with npm run upstream:refresh)`);
  }
  return file;
}

/**
 * Renders a synthesized `helm_release` body (as in the Terraform JSON) the way the Terraform Helm
 * provider installs it: the vendored chart at `release.version`, `release.name` in
 * `release.namespace`, each `values[]` document in order (later ones win), then `set[]`,
 * `set_list[]` (`--set name={a,b}`) and `set_sensitive[]` (`type: 'string'` is `--set-string`,
 * `'literal'` is `--set-literal`, anything else `--set`). Like the provider, it installs the
 * chart's crds/ directory unless `skip_crds`, and its hooks unless `disable_webhooks`. Returns
 * the rendered objects, empty documents dropped.
 *
 * Not the provider exactly: the provider (3.x) parses a `literal` entry as the YAML
 * `name: value` under the top-level key `name` (no path), where `--set-literal` follows the path
 * and keeps the value a string. A `postrender` is refused.
 */
export function renderRelease(release: any, options: RenderOptions = {}): any[] {
  if (!release || typeof release !== 'object') throw new Error(`renderRelease: expected a helm_release body, got ${JSON.stringify(release)}`);
  for (const key of ['name', 'chart', 'version']) {
    if (typeof release[key] !== 'string') throw new Error(`renderRelease: the helm_release has no ${key}: ${JSON.stringify(release).slice(0, 300)}`);
  }
  if (release.postrender) throw new Error(`renderRelease: helm_release ${release.name} has a postrender, which is not supported here`);
  const values = release.values ?? [];
  if (!Array.isArray(values) || values.some((v: any) => typeof v !== 'string')) {
    throw new Error(`renderRelease: helm_release ${release.name}: values must be a list of YAML/JSON strings`);
  }
  const sets = [...setEntries(release, 'set', false), ...setEntries(release, 'set_list', true), ...setEntries(release, 'set_sensitive', false)];
  checkSetOrder(release.name, sets);
  return render({
    chart: release.chart,
    version: release.version,
    releaseName: release.name,
    namespace: release.namespace ?? 'default',
    values,
    sets,
    apiVersions: options.apiVersions ?? [],
    includeCrds: release.skip_crds !== true,
    hooks: release.disable_webhooks !== true,
  });
}

/**
 * Renders a chart version with one plain values object (e.g. a GitOps HelmRelease's or
 * Application's values), as a fresh install with the chart's crds/ directory and hooks.
 */
export function renderChart(chart: string, version: string, values: object, options: RenderChartOptions = {}): any[] {
  return render(chartInput(chart, version, values, options));
}

const texts = new Map<string, string>();

/**
 * Where renders are kept across test files and runs: node_modules/.cache (git-ignored, and gone
 * with `npm ci`, so a fresh clone renders everything).
 */
const RENDER_CACHE = join(__dirname, '..', '..', 'node_modules', '.cache', 'cdk-gitpod-networking', 'helm-renders');

const archiveHashes = new Map<string, string>();
/** The SHA-256 of a file's bytes, once per file and test file. */
function fileHash(file: string): string {
  if (!archiveHashes.has(file)) archiveHashes.set(file, createHash('sha256').update(readFileSync(file)).digest('hex'));
  return archiveHashes.get(file)!;
}

/**
 * helm's output for the inputs, cached by a hash of everything it depends on: helm's command line
 * and environment (every render input: release name, namespace, flags, sets, API versions), the
 * values documents, the bytes of the chart archive and the helm binary (its path names the package
 * version it comes from). In-process first, then on disk (gzip), where the other test files and
 * later runs find it: a changed value, chart, helm or helm command line is another key, never a
 * stale render. Failed renders are not cached.
 */
function renderText(input: RenderInput): string {
  const archive = chartArchive(input.chart, input.version);
  // The archive by its content and the render's directory as a placeholder: neither path changes the output.
  const command = helmCommand(`<chart ${fileHash(archive)}>`, input, '<dir>');
  const key = createHash('sha256').update(JSON.stringify({ command, values: input.values, helm: helmBinary() })).digest('hex');
  if (!texts.has(key)) {
    const file = join(RENDER_CACHE, `${key}.yaml.gz`);
    let text: string;
    if (existsSync(file)) {
      text = gunzipSync(readFileSync(file)).toString('utf8');
    } else {
      text = helmTemplate(archive, input);
      mkdirSync(RENDER_CACHE, { recursive: true });
      // Written under a temporary name and renamed: a parallel test file never reads half a render.
      const partial = `${file}.${process.pid}.partial`;
      writeFileSync(partial, gzipSync(text, { level: 1 }));
      renameSync(partial, file);
    }
    texts.set(key, text);
  }
  return texts.get(key)!;
}

function render(input: RenderInput): any[] {
  // A copy: callers may change what they get without changing the cache.
  return structuredClone(parseObjects(renderText(input)));
}

/** helm's arguments and environment (PATH aside) for a render in the directory `dir`, which holds the values files. */
function helmCommand(archive: string, input: RenderInput, dir: string): { args: string[]; env: { [name: string]: string } } {
  const args = ['template', input.releaseName, archive, '--namespace', input.namespace];
  if (input.includeCrds) args.push('--include-crds');
  if (!input.hooks) args.push('--no-hooks');
  input.values.forEach((_, i) => args.push('-f', join(dir, `values-${i}.yaml`)));
  for (const set of input.sets) args.push(set.flag, set.assignment);
  for (const apiVersion of input.apiVersions) args.push('--api-versions', apiVersion);
  const env = {
    // No garbage collection: a render lives a fraction of a second and takes about a quarter less
    // CPU without it (at most some 100 MB more memory). The output is the same.
    GOGC: 'off',
    // No repository config, cache or plugins of the machine running the tests.
    HOME: dir,
    HELM_CACHE_HOME: join(dir, 'cache'),
    HELM_CONFIG_HOME: join(dir, 'config'),
    HELM_DATA_HOME: join(dir, 'data'),
  };
  return { args, env };
}

function helmTemplate(archive: string, input: RenderInput): string {
  const dir = mkdtempSync(join(tmpdir(), 'helm-render-'));
  try {
    input.values.forEach((document, i) => writeFileSync(join(dir, `values-${i}.yaml`), document));
    const { args, env } = helmCommand(archive, input, dir);
    const result = spawnSync(helmBinary(), args, {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    if (result.error) throw new Error(`helm ${args.join(' ')}: ${result.error.message}`);
    if (result.status !== 0) {
      throw new Error(`helm template of ${input.chart}@${input.version} failed (exit ${result.status}):\n${result.stderr.trim()}\n(helm ${args.join(' ')})`);
    }
    return result.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const parsedDocuments = new Map<string, any[]>();

/**
 * The non-empty documents of helm's multi-document YAML output, as plain objects. The stream is
 * split at `---` lines as Helm splits manifests, and each document's parse is cached by its text:
 * the same large CRDs come out of many renders, and parsing them is slower than rendering.
 * The returned objects are shared with the cache: callers copy them.
 */
function parseObjects(yaml: string): any[] {
  return yaml.split(/^---[ \t]*$/m).flatMap((chunk) => {
    if (!parsedDocuments.has(chunk)) {
      parsedDocuments.set(chunk, parseAllDocuments(chunk).map((document) => {
        if (document.errors.length > 0) throw new Error(`helm rendered invalid YAML: ${document.errors.map((e) => e.message).join('; ')}\n${chunk.slice(0, 500)}`);
        return document.toJSON();
      }));
    }
    return parsedDocuments.get(chunk)!;
  }).filter((object) => object !== null && object !== undefined && !(typeof object === 'object' && Object.keys(object).length === 0));
}

/** The objects of a kind (and name, when given); throws when there is not exactly one. */
export function findObject(objects: any[], kind: string, name?: string): any {
  const found = objects.filter((o) => o?.kind === kind && (name === undefined || o.metadata?.name === name));
  if (found.length !== 1) {
    const all = objects.map((o) => `${o?.kind}/${o?.metadata?.name}`).join(', ');
    throw new Error(`expected one ${kind}${name === undefined ? '' : ` named ${name}`}, found ${found.length} among: ${all}`);
  }
  return found[0];
}

/** The workload kinds whose pod template podSpecs returns. */
const WORKLOAD_KINDS = ['Deployment', 'DaemonSet', 'StatefulSet', 'Job'];

/** The pod template spec of every Deployment, DaemonSet, StatefulSet and Job. */
export function podSpecs(objects: any[]): Array<{ kind: string; name: string; spec: any }> {
  return objects
    .filter((o) => WORKLOAD_KINDS.includes(o?.kind))
    .map((o) => ({ kind: o.kind, name: o.metadata?.name, spec: o.spec?.template?.spec }));
}

/**
 * The args of a container of a Deployment: the named container, or the only (first) container
 * when no name is given. Throws when there is no such Deployment or container.
 */
export function containerArgs(objects: any[], deploymentName: string, containerName?: string): string[] {
  const deployment = findObject(objects, 'Deployment', deploymentName);
  const containers: any[] = deployment.spec?.template?.spec?.containers ?? [];
  const container = containerName === undefined ? containers[0] : containers.find((c) => c.name === containerName);
  if (!container) {
    throw new Error(`Deployment ${deploymentName} has no container ${containerName ?? ''} (has: ${containers.map((c) => c.name).join(', ')})`);
  }
  return container.args ?? [];
}

/** A copy of `values` without the value at `path`; undefined when there is none. */
function withoutPath(values: any, path: string[]): any | undefined {
  const copy = structuredClone(values);
  let parent = copy;
  for (const key of path.slice(0, -1)) {
    if (parent === null || typeof parent !== 'object' || !(key in parent)) return undefined;
    parent = parent[key];
  }
  const last = path[path.length - 1];
  if (parent === null || typeof parent !== 'object' || !(last in parent)) return undefined;
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else delete parent[last];
  return copy;
}

function chartInput(chart: string, version: string, values: object, options: RenderChartOptions): RenderInput {
  return {
    chart,
    version,
    releaseName: options.releaseName ?? chart.split('/').pop()!,
    namespace: options.namespace ?? 'default',
    values: [JSON.stringify(values)],
    sets: [],
    apiVersions: options.apiVersions ?? [],
    includeCrds: true,
    hooks: true,
  };
}

/**
 * The paths (each a list of keys; array indices as strings) whose value in `values` does not
 * change what the chart renders: for each path, the chart is rendered once with `values` and once
 * with the value at that path deleted, and the path is returned when helm's output is the same.
 *
 * Limitation: such a value is ignored by the chart (a misspelt or unknown key, a key the templates
 * read only under a condition that is off) OR equal to what the chart falls back to without it:
 * its default in values.yaml, or what the templates compute (cert-manager's `serviceAccount.name`
 * defaults to the release's full name). Deleting cannot tell these apart, so callers leave out
 * the values equal to the defaults, or ask unreadValuePaths. It also only sees what
 * `helm template` renders (not NOTES.txt, nor `lookup`s of a live cluster). A path that is not in
 * `values` is reported as ignored; one without which helm fails is not. helm's output is compared
 * as text, so a change in a comment counts as a change.
 */
export function ignoredValuePaths(chart: string, version: string, values: object, paths: string[][], options: RenderChartOptions = {}): string[][] {
  const baseline = renderText(chartInput(chart, version, values, options));
  return paths.filter((path) => {
    const without = withoutPath(values, path);
    if (without === undefined) return true;
    try {
      return renderText(chartInput(chart, version, without, options)) === baseline;
    } catch {
      // helm refuses the values without it (a required value): the chart reads it.
      return false;
    }
  });
}

/** Another value of the same type: a different string, number, boolean, a longer list, an object with one more key. */
function otherValue(value: any): any {
  if (typeof value === 'string') return `${value}-changed`;
  if (typeof value === 'number') return value + 1;
  if (typeof value === 'boolean') return !value;
  if (Array.isArray(value)) return [...value, value.length > 0 ? otherValue(value[value.length - 1]) : 'changed'];
  if (value !== null && typeof value === 'object') return { ...value, changed: 'changed' };
  return 'changed';
}

/**
 * The paths among `paths` that the chart does not read at all: neither deleting the value
 * (ignoredValuePaths) nor changing it to another value of the same type changes helm's output.
 * Unlike ignoredValuePaths, this does not report a value equal to the chart's default or to what
 * the templates compute without it: changing that one changes the output. A change helm refuses
 * (the chart's values schema) counts as read. Still only what `helm template` renders.
 */
export function unreadValuePaths(chart: string, version: string, values: object, paths: string[][], options: RenderChartOptions = {}): string[][] {
  const baseline = renderText(chartInput(chart, version, values, options));
  return ignoredValuePaths(chart, version, values, paths, options).filter((path) => {
    const changed = structuredClone(values) as any;
    const parent = path.slice(0, -1).reduce((o, key) => (o !== null && typeof o === 'object' ? o[key] : undefined), changed);
    if (parent === null || typeof parent !== 'object' || !(path[path.length - 1] in parent)) return true;
    parent[path[path.length - 1]] = otherValue(parent[path[path.length - 1]]);
    try {
      return renderText(chartInput(chart, version, changed, options)) === baseline;
    } catch {
      return false;
    }
  });
}

/** The paths of the leaves (scalars, empty objects and arrays as whole) of a values object. */
export function leafPaths(values: any, prefix: string[] = []): string[][] {
  if (values !== null && typeof values === 'object' && !Array.isArray(values) && Object.keys(values).length > 0) {
    return Object.entries(values).flatMap(([key, value]) => leafPaths(value, [...prefix, key]));
  }
  return [prefix];
}
