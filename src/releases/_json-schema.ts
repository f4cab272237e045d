// A small interpreter for the draft-07 JSON Schema subset the pinned charts' values schemas use,
// so the library can check `values` at synth without bundling a schema compiler. Messages say
// what was expected and what was found; test/json-schema.test.ts checks it against ajv.
//
// A schema is vetted once, as a whole (assertSupportedSchema), the first time it is used: a chart
// bump that brings a keyword this file does not implement fails loudly instead of validating
// less. Validation then walks only the schema nodes the value reaches, resolving `$ref` lazily.

import { isMap } from '../internal/objects';

/** One place where a value does not fit a JSON schema. */
export interface SchemaViolation {
  /** Keys and array indices from the root to the offending value, e.g. ['webhook', 'securePort']. */
  readonly path: Array<string | number>;
  /** What was expected and what was found, e.g. 'expected number, got "10260"'. */
  readonly message: string;
}

type Path = Array<string | number>;

/** Keywords that never assert anything (`definitions`/`$defs` hold schemas only `$ref` reaches). */
const ANNOTATIONS = new Set([
  '$schema', '$id', '$comment', 'title', 'description', 'default', 'examples', 'readOnly', 'writeOnly',
  'format', 'contentEncoding', 'contentMediaType',
]);
const TYPES = new Set(['object', 'array', 'string', 'number', 'integer', 'boolean', 'null']);
const COUNTS = new Set(['minItems', 'maxItems', 'minLength', 'maxLength', 'minProperties', 'maxProperties']);
const BOUNDS = new Set(['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum']);
/** `$ref`s followed without reaching a deeper value before a schema counts as circular. */
const MAX_REF_HOPS = 64;
/** Shown values are cut to this many characters. */
const SHOW_LENGTH = 60;
/** The additionalProperties message lists at most this many known keys. */
const KNOWN_KEYS_SHOWN = 12;

/** Root schemas already vetted, with their resolved `$ref`s. */
const vetted = new WeakMap<object, Map<string, any>>();
/** Compiled `pattern`s and `patternProperties` keys (ajv compiles them with the `u` flag too). */
const regexes = new Map<string, RegExp>();

/** One validation: the root schema, its `$ref` cache, and the containers being descended into. */
interface Run {
  readonly root: any;
  readonly refs: Map<string, any>;
  readonly ancestors: Set<object>;
  readonly path: Path;
}

/**
 * Validates `value` against a draft-07 `schema`; returns every violation found (empty when valid).
 *
 * Throws if the schema uses a keyword this interpreter does not implement (see
 * assertSupportedSchema). Object keys whose value is `undefined` count as absent (they vanish on
 * serialisation). A value of the wrong `type` gets only the type message, and inside `anyOf`,
 * `oneOf` and `not` only the summary message of that position is reported.
 */
export function schemaViolations(schema: any, value: unknown): SchemaViolation[] {
  let refs: Map<string, any> | undefined;
  if (isMap(schema)) {
    refs = vetted.get(schema);
    if (refs === undefined) {
      assertSupportedSchema(schema);
      refs = new Map();
      vetted.set(schema, refs);
    }
  } else {
    assertSupportedSchema(schema);
    refs = new Map();
  }
  const out: SchemaViolation[] = [];
  check({ root: schema, refs, ancestors: new Set(), path: [] }, schema, value, 0, out);
  return out;
}

/**
 * Walks the whole of `schema` (every subschema position, and whatever a `$ref` points to) and
 * throws on the first keyword this interpreter does not implement, with the JSON pointer of the
 * schema using it, e.g. `unsupported JSON schema keyword "if" at #/properties/a`. Also throws on
 * malformed keyword values, patterns that do not compile and `$ref`s that do not resolve locally.
 */
export function assertSupportedSchema(schema: any): void {
  const walked = new Set<unknown>();
  const refTargets: Array<[string, unknown]> = [];
  const walk = (node: any, pointer: string): void => {
    walked.add(node);
    if (typeof node === 'boolean') return;
    if (!isMap(node)) throw new Error(`expected a JSON schema (an object or a boolean) at ${pointer}, got ${show(node)}`);
    for (const key of Object.keys(node)) {
      const sub = node[key];
      const at = `${pointer}/${escapePointer(key)}`;
      const invalid = (expected: string) => new Error(`invalid JSON schema keyword "${key}" at ${pointer}: expected ${expected}, got ${show(sub)}`);
      switch (key) {
        case 'properties': case 'patternProperties': case 'definitions': case '$defs':
          if (!isMap(sub)) throw invalid('an object of schemas');
          for (const name of Object.keys(sub)) {
            if (key === 'patternProperties') compile(name, `${at}/${escapePointer(name)}`);
            walk(sub[name], `${at}/${escapePointer(name)}`);
          }
          break;
        case 'items':
          if (Array.isArray(sub)) sub.forEach((s, i) => walk(s, `${at}/${i}`));
          else walk(sub, at);
          break;
        case 'additionalItems': case 'additionalProperties': case 'not':
          walk(sub, at);
          break;
        case 'allOf': case 'anyOf': case 'oneOf':
          if (!Array.isArray(sub) || sub.length === 0) throw invalid('a non-empty array of schemas');
          sub.forEach((s, i) => walk(s, `${at}/${i}`));
          break;
        case 'type': {
          const types: unknown[] = Array.isArray(sub) ? sub : [sub];
          if (types.length === 0 || !types.every((t) => typeof t === 'string' && TYPES.has(t))) {
            throw invalid(`a JSON type (${[...TYPES].join(', ')}) or an array of them`);
          }
          break;
        }
        case 'enum':
          if (!Array.isArray(sub)) throw invalid('an array');
          break;
        case 'required':
          if (!Array.isArray(sub) || !sub.every((s) => typeof s === 'string')) throw invalid('an array of strings');
          break;
        case 'uniqueItems':
          if (typeof sub !== 'boolean') throw invalid('a boolean');
          break;
        case 'multipleOf':
          if (typeof sub !== 'number' || !(sub > 0) || !Number.isFinite(sub)) throw invalid('a number > 0');
          break;
        case 'pattern':
          if (typeof sub !== 'string') throw invalid('a string');
          compile(sub, at);
          break;
        case '$ref':
          if (typeof sub !== 'string') throw invalid('a string');
          refTargets.push([sub, resolvePointer(schema, sub)]);
          break;
        case 'const':
          break;
        default:
          if (COUNTS.has(key)) {
            if (!Number.isInteger(sub) || sub < 0) throw invalid('an integer >= 0');
          } else if (BOUNDS.has(key)) {
            if (typeof sub !== 'number' || !Number.isFinite(sub)) throw invalid('a number');
          } else if (!ANNOTATIONS.has(key)) {
            throw new Error(`unsupported JSON schema keyword "${key}" at ${pointer}`);
          }
      }
    }
  };
  walk(schema, '#');
  // A `$ref` may point somewhere the walk does not treat as a schema position (into `default`,
  // say); whatever it points to is used as a schema, so it is vetted as one.
  for (let i = 0; i < refTargets.length; i++) {
    const [ref, target] = refTargets[i];
    if (!walked.has(target)) walk(target, ref);
  }
}

function check(run: Run, schema: any, value: unknown, hops: number, out: SchemaViolation[]): void {
  if (schema === true) return;
  if (schema === false) return violation(run, out, `expected nothing here, got ${show(value)}`);
  // Draft-07: `$ref` replaces its siblings.
  const ref = schema.$ref;
  if (ref !== undefined) {
    if (hops >= MAX_REF_HOPS) throw new Error(`circular JSON schema $ref "${ref}": it never reaches a value`);
    return check(run, resolve(run, ref), value, hops + 1, out);
  }

  const type = schema.type;
  if (type !== undefined && !(typeof type === 'string' ? hasType(value, type) : type.some((t: string) => hasType(value, t)))) {
    return violation(run, out, `expected ${typeof type === 'string' ? type : alternatives(type)}, got ${show(value)}`);
  }
  if (schema.enum !== undefined && !schema.enum.some((e: unknown) => equal(e, value))) {
    violation(run, out, `expected one of ${schema.enum.map((e: unknown) => JSON.stringify(e)).join(', ')}, got ${show(value)}`);
  }
  if (schema.const !== undefined && !equal(schema.const, value)) {
    violation(run, out, `expected ${show(schema.const)}, got ${show(value)}`);
  }

  if (typeof value === 'number') {
    checkNumber(run, schema, value, out);
  } else if (typeof value === 'string') {
    checkString(run, schema, value, out);
  } else if (Array.isArray(value)) {
    checkArray(run, schema, value, out);
  } else if (isMap(value)) {
    checkObject(run, schema, value, out);
  }

  if (schema.allOf !== undefined) {
    for (const sub of schema.allOf) check(run, sub, value, hops, out);
  }
  if (schema.anyOf !== undefined && !schema.anyOf.some((sub: any) => matches(run, sub, value, hops))) {
    violation(run, out, `expected a value matching one of ${schema.anyOf.length} alternatives, got ${show(value)}`);
  }
  if (schema.oneOf !== undefined) {
    let n = 0;
    for (const sub of schema.oneOf) if (matches(run, sub, value, hops)) n++;
    if (n === 0) violation(run, out, `expected a value matching one of ${schema.oneOf.length} alternatives, got ${show(value)}`);
    else if (n > 1) violation(run, out, `expected exactly one of ${schema.oneOf.length} alternatives to match, got ${n}`);
  }
  if (schema.not !== undefined && matches(run, schema.not, value, hops)) {
    violation(run, out, `expected a value not matching the excluded schema, got ${show(value)}`);
  }
}

function checkNumber(run: Run, schema: any, value: number, out: SchemaViolation[]): void {
  if (schema.minimum !== undefined && value < schema.minimum) violation(run, out, `expected a number >= ${schema.minimum}, got ${value}`);
  if (schema.maximum !== undefined && value > schema.maximum) violation(run, out, `expected a number <= ${schema.maximum}, got ${value}`);
  if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) violation(run, out, `expected a number > ${schema.exclusiveMinimum}, got ${value}`);
  if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) violation(run, out, `expected a number < ${schema.exclusiveMaximum}, got ${value}`);
  // As ajv does it: the quotient must be an integer.
  if (schema.multipleOf !== undefined && !Number.isInteger(value / schema.multipleOf)) violation(run, out, `expected a multiple of ${schema.multipleOf}, got ${value}`);
}

function checkString(run: Run, schema: any, value: string, out: SchemaViolation[]): void {
  if (schema.minLength !== undefined || schema.maxLength !== undefined) {
    const length = codePoints(value);
    if (schema.minLength !== undefined && length < schema.minLength) violation(run, out, `expected at least ${plural(schema.minLength, 'character')}, got ${length}`);
    if (schema.maxLength !== undefined && length > schema.maxLength) violation(run, out, `expected at most ${plural(schema.maxLength, 'character')}, got ${length}`);
  }
  if (schema.pattern !== undefined && !compile(schema.pattern).test(value)) {
    violation(run, out, `expected a string matching /${schema.pattern}/, got ${show(value)}`);
  }
}

function checkArray(run: Run, schema: any, value: unknown[], out: SchemaViolation[]): void {
  if (schema.minItems !== undefined && value.length < schema.minItems) violation(run, out, `expected at least ${plural(schema.minItems, 'item')}, got ${plural(value.length, 'item')}`);
  if (schema.maxItems !== undefined && value.length > schema.maxItems) violation(run, out, `expected at most ${plural(schema.maxItems, 'item')}, got ${plural(value.length, 'item')}`);
  if (schema.uniqueItems === true) {
    const duplicate = firstDuplicate(value);
    if (duplicate >= 0) violation(run, out, `expected unique items, got a duplicate at index ${duplicate}`);
  }
  const items = schema.items;
  if (items === undefined || items === true) return;
  const tuple = Array.isArray(items);
  const rest = tuple ? schema.additionalItems : items;
  if (!descend(run, value, out)) return;
  for (let i = 0; i < value.length; i++) {
    const sub = tuple && i < items.length ? items[i] : rest;
    if (sub === undefined || sub === true) continue;
    run.path.push(i);
    check(run, sub, value[i], 0, out);
    run.path.pop();
  }
  run.ancestors.delete(value);
}

function checkObject(run: Run, schema: any, value: { [key: string]: unknown }, out: SchemaViolation[]): void {
  const keys = Object.keys(value).filter((k) => value[k] !== undefined);
  if (schema.minProperties !== undefined && keys.length < schema.minProperties) violation(run, out, `expected at least ${plural(schema.minProperties, 'key')}, got ${plural(keys.length, 'key')}`);
  if (schema.maxProperties !== undefined && keys.length > schema.maxProperties) violation(run, out, `expected at most ${plural(schema.maxProperties, 'key')}, got ${plural(keys.length, 'key')}`);
  if (schema.required !== undefined) {
    for (const name of schema.required) {
      if (!hasOwn(value, name) || value[name] === undefined) violation(run, out, `expected key ${JSON.stringify(name)} to be set, got none`);
    }
  }
  const properties = schema.properties;
  const patterns = schema.patternProperties;
  const additional = schema.additionalProperties;
  if (properties === undefined && patterns === undefined && (additional === undefined || additional === true)) return;
  if (!descend(run, value, out)) return;
  for (const key of keys) {
    let known = false;
    run.path.push(key);
    if (properties !== undefined && hasOwn(properties, key)) {
      known = true;
      check(run, properties[key], value[key], 0, out);
    }
    if (patterns !== undefined) {
      for (const pattern of Object.keys(patterns)) {
        if (compile(pattern).test(key)) {
          known = true;
          check(run, patterns[pattern], value[key], 0, out);
        }
      }
    }
    if (!known && additional !== undefined) {
      if (additional === false) violation(run, out, unknownKey(properties, patterns, key));
      else check(run, additional, value[key], 0, out);
    }
    run.path.pop();
  }
  run.ancestors.delete(value);
}

/**
 * Marks `container` as being descended into; false (with a violation) when it already is, i.e.
 * the value contains itself, which no JSON document can.
 */
function descend(run: Run, container: object, out: SchemaViolation[]): boolean {
  if (run.ancestors.has(container)) {
    violation(run, out, 'expected JSON data, got a value that contains itself');
    return false;
  }
  run.ancestors.add(container);
  return true;
}

function unknownKey(properties: { [key: string]: unknown } | undefined, patterns: { [key: string]: unknown } | undefined, key: string): string {
  const names = Object.keys(properties ?? {}).sort();
  const sources = Object.keys(patterns ?? {}).map((p) => `/${p}/`).join(' or ');
  const got = `got ${show(key)}`;
  if (names.length === 0) return sources ? `expected a key matching ${sources}, ${got}` : `expected no keys, ${got}`;
  const list = names.length > KNOWN_KEYS_SHOWN ? `${names.slice(0, KNOWN_KEYS_SHOWN).join(', ')}, …` : names.join(', ');
  return `expected a known key (${list})${sources ? ` or one matching ${sources}` : ''}, ${got}`;
}

/** Whether `value` fits `schema`, evaluated on the same path and ancestors as the caller. */
function matches(run: Run, schema: any, value: unknown, hops: number): boolean {
  const out: SchemaViolation[] = [];
  check(run, schema, value, hops, out);
  return out.length === 0;
}

function violation(run: Run, out: SchemaViolation[], message: string): void {
  out.push({ path: run.path.slice(), message });
}

function resolve(run: Run, ref: string): any {
  let target = run.refs.get(ref);
  if (target === undefined) {
    target = resolvePointer(run.root, ref);
    run.refs.set(ref, target);
  }
  return target;
}

/** A local JSON pointer (`#`, `#/$defs/a~1b`, percent-encoded or not) into the root schema. */
function resolvePointer(root: any, ref: string): any {
  if (!ref.startsWith('#')) throw new Error(`unsupported JSON schema $ref ${JSON.stringify(ref)} (only local references such as "#/$defs/name")`);
  let target = root;
  if (ref !== '#') {
    if (!ref.startsWith('#/')) throw new Error(`unsupported JSON schema $ref ${JSON.stringify(ref)} (only JSON pointers such as "#/$defs/name")`);
    for (const raw of ref.slice(2).split('/')) {
      let part: string;
      try {
        part = decodeURIComponent(raw);
      } catch {
        throw new Error(`unresolvable JSON schema $ref ${JSON.stringify(ref)} (bad percent-encoding)`);
      }
      part = part.replace(/~1/g, '/').replace(/~0/g, '~');
      if (Array.isArray(target) && /^(0|[1-9][0-9]*)$/.test(part) && Number(part) < target.length) {
        target = target[Number(part)];
      } else if (isMap(target) && hasOwn(target, part)) {
        target = target[part];
      } else {
        throw new Error(`unresolvable JSON schema $ref ${JSON.stringify(ref)} (no ${JSON.stringify(part)} there)`);
      }
    }
  }
  if (typeof target !== 'boolean' && !isMap(target)) throw new Error(`JSON schema $ref ${JSON.stringify(ref)} points to ${show(target)}, not to a schema`);
  return target;
}

function compile(pattern: string, pointer?: string): RegExp {
  let regex = regexes.get(pattern);
  if (regex === undefined) {
    try {
      regex = new RegExp(pattern, 'u');
    } catch (e) {
      throw new Error(`invalid JSON schema pattern /${pattern}/ at ${pointer ?? '?'}: ${(e as Error).message}`);
    }
    regexes.set(pattern, regex);
  }
  return regex;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'null': return value === null;
    case 'boolean': return typeof value === 'boolean';
    case 'string': return typeof value === 'string';
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'integer': return Number.isInteger(value);
    case 'array': return Array.isArray(value);
    case 'object': return isMap(value);
    default: return false;
  }
}

/** Deep equality of JSON values (object key order does not matter), as enum, const and uniqueItems use it. */
function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => hasOwn(b, k) && equal(a[k], b[k]));
  }
  return false;
}

/** Index of the first item equal to an earlier one, or -1. */
function firstDuplicate(items: unknown[]): number {
  const scalars = new Set<unknown>();
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item === null || typeof item !== 'object') {
      if (scalars.has(item)) return i;
      scalars.add(item);
    } else {
      for (let j = 0; j < i; j++) if (equal(items[j], item)) return i;
    }
  }
  return -1;
}

function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** Length in code points, as JSON Schema counts it (a surrogate pair is one character). */
function codePoints(s: string): number {
  return s.length - (s.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0);
}

/** A found value as JSON, cut to 60 characters. */
function show(value: unknown): string {
  let text: string | undefined;
  if (typeof value === 'number' && !Number.isFinite(value)) {
    text = String(value);
  } else {
    try {
      text = JSON.stringify(value);
    } catch {
      text = undefined;
    }
  }
  text ??= String(value);
  return text.length > SHOW_LENGTH ? `${text.slice(0, SHOW_LENGTH - 1)}…` : text;
}

function alternatives(names: string[]): string {
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
