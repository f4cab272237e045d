// A small interpreter for the draft-07 JSON Schema subset the pinned charts' values schemas use,
// so the library can check `values` at synth without bundling a schema compiler. Messages say
// what was expected and what was found; test/json-schema.test.ts checks it against ajv.

/** One place where a value does not fit a JSON schema. */
export interface SchemaViolation {
  /** Keys and array indices from the root to the offending value, e.g. ['webhook', 'securePort']. */
  readonly path: Array<string | number>;
  /** What was expected and what was found, e.g. 'expected number, got "10260"'. */
  readonly message: string;
}

const ANNOTATIONS = new Set([
  '$schema', '$id', '$comment', 'title', 'description', 'default', 'examples', 'readOnly', 'writeOnly',
  'format', 'contentEncoding', 'contentMediaType', 'definitions', '$defs',
]);
const ASSERTIONS = new Set([
  'type', 'enum', 'const', 'properties', 'additionalProperties', 'patternProperties', 'required', 'items',
  'additionalItems', 'minItems', 'maxItems', 'uniqueItems', 'minLength', 'maxLength', 'pattern', 'minimum',
  'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minProperties', 'maxProperties', '$ref',
  'allOf', 'anyOf', 'oneOf', 'not',
]);

/** Validates `value` against a draft-07 `schema`; returns every violation found (empty when valid). */
export function schemaViolations(schema: any, value: unknown): SchemaViolation[] {
  const out: SchemaViolation[] = [];
  check(schema, schema, value, [], '#', out);
  return out;
}

/** Throws on the first keyword this interpreter does not implement, anywhere in `schema`. */
export function assertSupportedSchema(schema: any, pointer: string = '#'): void {
  if (typeof schema === 'boolean') return;
  if (!isObject(schema)) throw new Error(`not a JSON schema at ${pointer}`);
  for (const [key, sub] of Object.entries(schema)) {
    const at = `${pointer}/${escape(key)}`;
    if (key === 'properties' || key === 'patternProperties' || key === 'definitions' || key === '$defs') {
      for (const [name, s] of Object.entries(sub as object)) assertSupportedSchema(s, `${at}/${escape(name)}`);
    } else if (key === 'items' && Array.isArray(sub)) {
      sub.forEach((s, i) => assertSupportedSchema(s, `${at}/${i}`));
    } else if (['items', 'additionalItems', 'additionalProperties', 'not'].includes(key)) {
      assertSupportedSchema(sub, at);
    } else if (['allOf', 'anyOf', 'oneOf'].includes(key)) {
      (sub as any[]).forEach((s, i) => assertSupportedSchema(s, `${at}/${i}`));
    } else if (!ASSERTIONS.has(key) && !ANNOTATIONS.has(key)) {
      throw new Error(`unsupported JSON schema keyword "${key}" at ${pointer}`);
    }
  }
}

function check(root: any, schema: any, value: unknown, path: Array<string | number>, pointer: string, out: SchemaViolation[]): void {
  if (schema === true) return;
  if (schema === false) return void out.push({ path, message: `expected nothing here, got ${show(value)}` });
  if (!isObject(schema)) throw new Error(`not a JSON schema at ${pointer}`);
  for (const key of Object.keys(schema)) {
    if (!ASSERTIONS.has(key) && !ANNOTATIONS.has(key)) throw new Error(`unsupported JSON schema keyword "${key}" at ${pointer}`);
  }
  // Draft-07: `$ref` replaces its siblings.
  if (schema.$ref !== undefined) return check(root, resolve(root, schema.$ref), value, path, schema.$ref, out);

  if (schema.type !== undefined) {
    const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => hasType(value, t))) {
      return void out.push({ path, message: `expected ${types.join(' or ')}, got ${show(value)}` });
    }
  }
  if (schema.enum !== undefined && !schema.enum.some((e: unknown) => equal(e, value))) {
    out.push({ path, message: `expected one of ${schema.enum.map((e: unknown) => JSON.stringify(e)).join(', ')}, got ${show(value)}` });
  }
  if (schema.const !== undefined && !equal(schema.const, value)) out.push({ path, message: `expected ${JSON.stringify(schema.const)}, got ${show(value)}` });

  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) out.push({ path, message: `expected a number >= ${schema.minimum}, got ${value}` });
    if (schema.maximum !== undefined && value > schema.maximum) out.push({ path, message: `expected a number <= ${schema.maximum}, got ${value}` });
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) out.push({ path, message: `expected a number > ${schema.exclusiveMinimum}, got ${value}` });
    if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) out.push({ path, message: `expected a number < ${schema.exclusiveMaximum}, got ${value}` });
    if (schema.multipleOf !== undefined && !Number.isInteger(value / schema.multipleOf)) out.push({ path, message: `expected a multiple of ${schema.multipleOf}, got ${value}` });
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (schema.minLength !== undefined && length < schema.minLength) out.push({ path, message: `expected at least ${schema.minLength} characters, got ${length}` });
    if (schema.maxLength !== undefined && length > schema.maxLength) out.push({ path, message: `expected at most ${schema.maxLength} characters, got ${length}` });
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) out.push({ path, message: `expected a string matching /${schema.pattern}/, got ${show(value)}` });
  }
  if (Array.isArray(value)) checkArray(root, schema, value, path, pointer, out);
  if (isObject(value)) checkObject(root, schema, value, path, pointer, out);

  for (const [i, sub] of (schema.allOf ?? []).entries()) check(root, sub, value, path, `${pointer}/allOf/${i}`, out);
  if (schema.anyOf !== undefined && !schema.anyOf.some((sub: any, i: number) => matches(root, sub, value, `${pointer}/anyOf/${i}`))) {
    out.push({ path, message: `expected a value matching one of ${schema.anyOf.length} alternatives, got ${show(value)}` });
  }
  if (schema.oneOf !== undefined) {
    const n = schema.oneOf.filter((sub: any, i: number) => matches(root, sub, value, `${pointer}/oneOf/${i}`)).length;
    if (n === 0) out.push({ path, message: `expected a value matching one of ${schema.oneOf.length} alternatives, got ${show(value)}` });
    else if (n > 1) out.push({ path, message: `expected exactly one of ${schema.oneOf.length} alternatives to match, got ${n}` });
  }
  if (schema.not !== undefined && matches(root, schema.not, value, `${pointer}/not`)) {
    out.push({ path, message: `expected a value not matching the excluded schema, got ${show(value)}` });
  }
}

function checkArray(root: any, schema: any, value: unknown[], path: Array<string | number>, pointer: string, out: SchemaViolation[]): void {
  if (schema.minItems !== undefined && value.length < schema.minItems) out.push({ path, message: `expected at least ${plural(schema.minItems, 'item')}, got ${plural(value.length, 'item')}` });
  if (schema.maxItems !== undefined && value.length > schema.maxItems) out.push({ path, message: `expected at most ${plural(schema.maxItems, 'item')}, got ${plural(value.length, 'item')}` });
  if (schema.uniqueItems === true) {
    const duplicate = value.findIndex((v, i) => value.slice(0, i).some((w) => equal(v, w)));
    if (duplicate >= 0) out.push({ path, message: `expected unique items, got a duplicate at index ${duplicate}` });
  }
  if (Array.isArray(schema.items)) {
    value.forEach((v, i) => {
      if (i < schema.items.length) check(root, schema.items[i], v, [...path, i], `${pointer}/items/${i}`, out);
      else if (schema.additionalItems !== undefined) check(root, schema.additionalItems, v, [...path, i], `${pointer}/additionalItems`, out);
    });
  } else if (schema.items !== undefined) {
    value.forEach((v, i) => check(root, schema.items, v, [...path, i], `${pointer}/items`, out));
  }
}

type Path = Array<string | number>;

function checkObject(root: any, schema: any, value: { [key: string]: unknown }, path: Path, pointer: string, out: SchemaViolation[]): void {
  const keys = Object.keys(value);
  if (schema.minProperties !== undefined && keys.length < schema.minProperties) out.push({ path, message: `expected at least ${plural(schema.minProperties, 'key')}, got ${plural(keys.length, 'key')}` });
  if (schema.maxProperties !== undefined && keys.length > schema.maxProperties) out.push({ path, message: `expected at most ${plural(schema.maxProperties, 'key')}, got ${plural(keys.length, 'key')}` });
  for (const name of schema.required ?? []) {
    if (!(name in value)) out.push({ path, message: `expected key "${name}" to be set, got none` });
  }
  const properties = schema.properties ?? {};
  const patterns = Object.entries(schema.patternProperties ?? {}).map(([p, s]) => [new RegExp(p, 'u'), s, p] as const);
  for (const key of keys) {
    const at = [...path, key];
    let matched = false;
    if (Object.prototype.hasOwnProperty.call(properties, key)) {
      matched = true;
      check(root, properties[key], value[key], at, `${pointer}/properties/${escape(key)}`, out);
    }
    for (const [regex, sub, source] of patterns) {
      if (regex.test(key)) {
        matched = true;
        check(root, sub, value[key], at, `${pointer}/patternProperties/${escape(source)}`, out);
      }
    }
    if (matched || schema.additionalProperties === undefined) continue;
    if (schema.additionalProperties === false) {
      const known = Object.keys(properties).sort();
      const list = known.length > 12 ? `${known.slice(0, 12).join(', ')}, …` : known.join(', ');
      const orPattern = patterns.length ? ` or one matching ${patterns.map(([, , p]) => `/${p}/`).join(', ')}` : '';
      out.push({ path: at, message: `expected a known key (${list})${orPattern}, got ${JSON.stringify(key)}` });
    } else {
      check(root, schema.additionalProperties, value[key], at, `${pointer}/additionalProperties`, out);
    }
  }
}

function matches(root: any, schema: any, value: unknown, pointer: string): boolean {
  const out: SchemaViolation[] = [];
  check(root, schema, value, [], pointer, out);
  return out.length === 0;
}

/** A local JSON pointer (`#/$defs/a~1b`) into the root schema. */
function resolve(root: any, ref: string): any {
  if (!ref.startsWith('#')) throw new Error(`unsupported JSON schema $ref "${ref}" (only local references)`);
  let target = root;
  for (const part of ref.slice(1).split('/').filter((p) => p !== '')) {
    const key = decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(target) || !(key in target)) throw new Error(`unresolvable JSON schema $ref "${ref}"`);
    target = (target as any)[key];
  }
  return target;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'null': return value === null;
    case 'boolean': return typeof value === 'boolean';
    case 'string': return typeof value === 'string';
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'integer': return typeof value === 'number' && Number.isInteger(value);
    case 'array': return Array.isArray(value);
    case 'object': return isObject(value);
    default: throw new Error(`unknown JSON schema type "${type}"`);
  }
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && equal(a[k], b[k]));
  }
  return false;
}

function isObject(value: unknown): value is { [key: string]: any } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  const json = value === undefined ? 'undefined' : JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 59)}…` : json;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function escape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
