// Whether two cdktf apps synthesized the same Terraform, modulo logical ids: the check that keeps
// the hand-written yardstick apps (bench/handwritten/) equal to the library's example apps.
//
// Each resource and data source is renamed after its content (type + a hash of its body in which
// every reference to another resource is already renamed so), bottom-up along the references; two
// stacks are then the same when their providers, required providers, outputs and renamed resources
// are. JSON held in strings (Helm values, a Secret's azure.json) is compared as data (key order
// ignored), `depends_on: []` as no depends_on, and cdktf's "//" metadata not at all.
import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';

type Json = any;

/** A synthesized app: its stacks' Terraform JSON and their dependencies, by stack name. */
export interface SynthesizedApp { [stack: string]: { json: Json; dependencies: string[] } }

export function readApp(outdir: string): SynthesizedApp {
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
  const app: SynthesizedApp = {};
  for (const [name, stack] of Object.entries<Json>(manifest.stacks)) {
    app[name] = { json: JSON.parse(readFileSync(join(outdir, stack.synthesizedStackPath), 'utf8')), dependencies: [...stack.dependencies].sort() };
  }
  return app;
}

const isMap = (x: unknown): x is { [key: string]: Json } => typeof x === 'object' && x !== null && !Array.isArray(x);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A JSON value with sorted keys and parsed JSON strings, as one string. */
function canonical(value: Json): string {
  const walk = (v: Json): Json => {
    if (Array.isArray(v)) return v.map(walk);
    if (isMap(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, walk(v[k])]));
    if (typeof v === 'string' && /^\s*[[{]/.test(v)) {
      try {
        return { '<json>': walk(JSON.parse(v)) };
      } catch {
        return v;
      }
    }
    return v;
  };
  return JSON.stringify(walk(value));
}

/** Terraform addresses (`type.name`, `data.type.name`) in a string, replaced by `rename`. */
function replaceAddresses(value: Json, pattern: RegExp | undefined, rename: (address: string) => string): Json {
  if (!pattern) return value;
  if (Array.isArray(value)) return value.map((v) => replaceAddresses(v, pattern, rename));
  if (isMap(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceAddresses(v, pattern, rename)]));
  if (typeof value === 'string') return value.replace(pattern, rename);
  return value;
}

/** A stack's Terraform with content-derived names for its resources and data sources. */
export function normalizeStack(json: Json): Json {
  const bodies = new Map<string, Json>();
  for (const [section, prefix] of [['resource', ''], ['data', 'data.']]) {
    for (const [type, byName] of Object.entries<Json>(json[section] ?? {})) {
      for (const [name, body] of Object.entries<Json>(byName)) {
        const { '//': _metadata, ...rest } = body;
        if (Array.isArray(rest.depends_on) && rest.depends_on.length === 0) delete rest.depends_on;
        bodies.set(`${prefix}${type}.${name}`, rest);
      }
    }
  }
  // Longest first, so that no address matches inside a longer one; not after a name character or a
  // dot (`aws_x.y` inside `data.aws_x.y`), not before a name character.
  const addresses = [...bodies.keys()].sort((a, b) => b.length - a.length);
  const pattern = addresses.length ? new RegExp(`(?<![\\w.-])(?:${addresses.map(escape).join('|')})(?![\\w-])`, 'g') : undefined;
  const names = new Map<string, string>();
  const visiting = new Set<string>();
  const renamed = (address: string): string => {
    const known = names.get(address);
    if (known) return known;
    if (visiting.has(address)) throw new Error(`reference cycle through ${address}`);
    visiting.add(address);
    const body = replaceAddresses(bodies.get(address), pattern, renamed);
    const type = address.slice(0, address.lastIndexOf('.'));
    const name = `${type}.h${createHash('sha256').update(canonical(body)).digest('hex').slice(0, 12)}`;
    names.set(address, name);
    return name;
  };
  const sections: Json = {};
  for (const address of bodies.keys()) {
    const name = renamed(address);
    (sections[name.slice(0, name.lastIndexOf('.'))] ??= []).push(canonical(replaceAddresses(bodies.get(address), pattern, renamed)));
  }
  for (const list of Object.values<string[]>(sections)) list.sort();
  return {
    provider: canonical(json.provider ?? {}),
    required_providers: canonical(json.terraform?.required_providers ?? {}),
    output: Object.fromEntries(Object.entries<Json>(json.output ?? {}).map(([k, v]) => [k, canonical(replaceAddresses(v, pattern, renamed))])),
    resources: sections,
  };
}

/** Counts of a stack's resources and data sources by type, e.g. `helm_release: 3`. */
function counts(json: Json): Map<string, number> {
  const result = new Map<string, number>();
  for (const [section, prefix] of [['resource', ''], ['data', 'data.']]) {
    for (const [type, byName] of Object.entries<Json>(json[section] ?? {})) result.set(`${prefix}${type}`, Object.keys(byName).length);
  }
  return result;
}

const short = (s: string) => (s.length > 400 ? `${s.slice(0, 400)}...` : s);

/** Where two JSON values differ: `path: library value / hand-written value`. */
function differingPaths(a: Json, b: Json, path = ''): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => differingPaths(a[k], b[k], `${path}${Array.isArray(a) ? `[${k}]` : `.${k}`}`));
  }
  return [`${path || '.'}: library ${JSON.stringify(a) ?? '(none)'}, by hand ${JSON.stringify(b) ?? '(none)'}`];
}

export interface Comparison {
  /** Resource types, counts and bodies equal, modulo logical ids. */
  readonly same: boolean;
  /** The resource types and counts alone equal. */
  readonly sameCounts: boolean;
  /** What both apps hold, e.g. "2 stacks, 12 resources of 8 types, 4 data sources, 3 outputs". */
  readonly summary: string;
  readonly differences: string[];
}

/** Compares a hand-written app's Terraform with the library's. */
export function compareApps(library: SynthesizedApp, hand: SynthesizedApp): Comparison {
  const differences: string[] = [];
  let sameCounts = true;
  const stacks = [...new Set([...Object.keys(library), ...Object.keys(hand)])].sort();
  let resources = 0, data = 0, outputs = 0;
  const types = new Set<string>();
  for (const stack of stacks) {
    const [l, h] = [library[stack], hand[stack]];
    if (!l || !h) {
      differences.push(`stack ${stack}: only in the ${l ? 'library' : 'hand-written'} app`);
      sameCounts = false;
      continue;
    }
    if (l.dependencies.join() !== h.dependencies.join()) differences.push(`${stack}: depends on [${l.dependencies}] in the library app, [${h.dependencies}] by hand`);
    const [lc, hc] = [counts(l.json), counts(h.json)];
    for (const type of new Set([...lc.keys(), ...hc.keys()])) {
      const [a, b] = [lc.get(type) ?? 0, hc.get(type) ?? 0];
      if (a !== b) {
        differences.push(`${stack}: ${a} ${type} in the library app, ${b} by hand`);
        sameCounts = false;
      }
      types.add(type);
      if (type.startsWith('data.')) data += a; else resources += a;
    }
    const [ln, hn] = [normalizeStack(l.json), normalizeStack(h.json)];
    for (const key of ['provider', 'required_providers'] as const) {
      if (ln[key] !== hn[key]) differences.push(`${stack}: ${key} differs:\n      library ${short(ln[key])}\n      by hand ${short(hn[key])}`);
    }
    for (const name of new Set([...Object.keys(ln.output), ...Object.keys(hn.output)])) {
      outputs += name in ln.output ? 1 : 0;
      if (ln.output[name] !== hn.output[name]) differences.push(`${stack}: output ${name} differs:\n      library ${short(ln.output[name] ?? '(none)')}\n      by hand ${short(hn.output[name] ?? '(none)')}`);
    }
    for (const type of new Set([...Object.keys(ln.resources), ...Object.keys(hn.resources)])) {
      const [a, b]: string[][] = [ln.resources[type] ?? [], hn.resources[type] ?? []];
      const onlyLibrary = a.filter((x) => !b.includes(x));
      const onlyHand = b.filter((x) => !a.includes(x));
      // Paired in order (the same sort), each pair as the paths where they differ.
      for (let i = 0; i < Math.min(onlyLibrary.length, onlyHand.length); i++) {
        const paths = differingPaths(JSON.parse(onlyLibrary[i]), JSON.parse(onlyHand[i]));
        differences.push(`${stack}: a ${type} differs (or one it references does):${paths.slice(0, 5).map((d) => `\n      ${short(d)}`).join('')}`);
      }
      for (const x of onlyLibrary.slice(onlyHand.length)) differences.push(`${stack}: a ${type} only the library app has:\n      ${short(x)}`);
      for (const x of onlyHand.slice(onlyLibrary.length)) differences.push(`${stack}: a ${type} only the hand-written app has:\n      ${short(x)}`);
    }
  }
  return {
    same: differences.length === 0,
    sameCounts,
    summary: `${stacks.length} stacks, ${resources} resources and ${data} data sources of ${types.size} types, ${outputs} outputs`,
    differences,
  };
}
