import { readFileSync } from 'fs';
import { join } from 'path';
import Ajv, { ErrorObject } from 'ajv';
import { assertSupportedSchema, schemaViolations, SchemaViolation } from '../src/releases/_json-schema';

type Path = Array<string | number>;

const UPSTREAM = join(__dirname, '..', 'upstream');
const CHARTS = [
  { chart: 'cert-manager', version: 'v1.21.1' },
  { chart: 'external-dns', version: '1.21.1' },
  { chart: 'trust-manager', version: 'v0.24.0' },
].map(({ chart, version }) => ({
  chart,
  schema: JSON.parse(readFileSync(join(UPSTREAM, `${chart}-chart-${version}-values.schema.json`), 'utf8')),
  defaults: JSON.parse(readFileSync(join(UPSTREAM, `${chart}-chart-${version}-synth-check.json`), 'utf8')).defaults,
}));
const chart = (name: string) => CHARTS.find((c) => c.chart === name)!;

/** The only violation of `value`, failing if there is not exactly one. */
function only(schema: any, value: unknown): SchemaViolation {
  const violations = schemaViolations(schema, value);
  expect(violations).toHaveLength(1);
  return violations[0];
}

describe('assertSupportedSchema', () => {
  test.each(CHARTS.map((c) => [c.chart, c.schema]))('accepts the vendored %s schema', (_name, schema) => {
    expect(() => assertSupportedSchema(schema)).not.toThrow();
  });

  test('throws on `if`, naming the keyword and the pointer of the schema using it', () => {
    expect(() => assertSupportedSchema({ properties: { a: { if: { type: 'string' }, then: { minLength: 1 } } } }))
      .toThrow('unsupported JSON schema keyword "if" at #/properties/a');
  });

  test.each([
    [{ $defs: { 'a/b': { dependencies: {} } } }, 'unsupported JSON schema keyword "dependencies" at #/$defs/a~1b'],
    [{ definitions: { x: { items: [true, { contains: {} }] } } }, 'unsupported JSON schema keyword "contains" at #/definitions/x/items/1'],
    [{ anyOf: [true, { not: { propertyNames: {} } }] }, 'unsupported JSON schema keyword "propertyNames" at #/anyOf/1/not'],
    [{ patternProperties: { '^x-': { additionalProperties: { then: {} } } } }, 'unsupported JSON schema keyword "then" at #/patternProperties/^x-/additionalProperties'],
    [{ additionalItems: { nullable: true } }, 'unsupported JSON schema keyword "nullable" at #/additionalItems'],
    // Reached only through `$ref`, from somewhere that is not a schema position.
    [{ default: { s: { if: {} } }, properties: { a: { $ref: '#/default/s' } } }, 'unsupported JSON schema keyword "if" at #/default/s'],
  ])('walks every subschema position: %j', (schema, message) => {
    expect(() => assertSupportedSchema(schema)).toThrow(message);
  });

  test('checks keyword values and $refs, not just keyword names', () => {
    expect(() => assertSupportedSchema({ type: 'float' })).toThrow('invalid JSON schema keyword "type" at #');
    expect(() => assertSupportedSchema({ properties: { a: { exclusiveMinimum: true } } })).toThrow('invalid JSON schema keyword "exclusiveMinimum" at #/properties/a');
    expect(() => assertSupportedSchema({ pattern: '(' })).toThrow('invalid JSON schema pattern /(/ at #/pattern');
    expect(() => assertSupportedSchema({ $ref: '#/$defs/missing' })).toThrow('unresolvable JSON schema $ref "#/$defs/missing"');
    expect(() => assertSupportedSchema({ $ref: 'other.json#/a' })).toThrow('only local references');
  });

  test('accepts annotations and both drafts of definitions', () => {
    expect(() => assertSupportedSchema({
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: 'x',
      $comment: 'c',
      title: 't',
      description: 'd',
      default: 1,
      examples: [1],
      readOnly: true,
      writeOnly: false,
      format: 'email',
      contentEncoding: 'base64',
      contentMediaType: 'text/plain',
      definitions: { a: true },
      $defs: { b: false },
    })).not.toThrow();
  });

  test('schemaViolations vets the whole schema, even parts the value does not reach', () => {
    expect(() => schemaViolations({ properties: { a: { if: {} } } }, { b: 1 }))
      .toThrow('unsupported JSON schema keyword "if" at #/properties/a');
  });
});

describe('messages', () => {
  test.each([
    [{ type: 'integer' }, 'two', 'expected integer, got "two"'],
    [{ type: 'integer' }, 2.5, 'expected integer, got 2.5'],
    [{ type: ['string', 'null'] }, 5, 'expected string or null, got 5'],
    [{ type: ['string', 'number', 'null'] }, true, 'expected string, number or null, got true'],
    [{ type: 'object' }, [1, 2], 'expected object, got [1,2]'],
    [{ type: 'array' }, { a: 1 }, 'expected array, got {"a":1}'],
    [{ type: 'null' }, 0, 'expected null, got 0'],
    [{ type: 'boolean' }, 'true', 'expected boolean, got "true"'],
    [{ type: 'number' }, null, 'expected number, got null'],
    [{ enum: ['create-only', 'sync', 'upsert-only'] }, 'upsert', 'expected one of "create-only", "sync", "upsert-only", got "upsert"'],
    [{ enum: [1, null, { a: [1] }] }, { a: [2] }, 'expected one of 1, null, {"a":[1]}, got {"a":[2]}'],
    [{ const: 5 }, 4, 'expected 5, got 4'],
    [{ const: { a: [1, 2] } }, { a: [2, 1] }, 'expected {"a":[1,2]}, got {"a":[2,1]}'],
    [{ required: ['name'] }, {}, 'expected key "name" to be set, got none'],
    [{ minItems: 1 }, [], 'expected at least 1 item, got 0 items'],
    [{ maxItems: 2 }, [1, 2, 3], 'expected at most 2 items, got 3 items'],
    [{ minLength: 1 }, '', 'expected at least 1 character, got 0'],
    [{ maxLength: 63 }, 'x'.repeat(70), 'expected at most 63 characters, got 70'],
    [{ minimum: 1 }, 0, 'expected a number >= 1, got 0'],
    [{ maximum: 65535 }, 70000, 'expected a number <= 65535, got 70000'],
    [{ exclusiveMinimum: 0 }, 0, 'expected a number > 0, got 0'],
    [{ exclusiveMaximum: 1 }, 1, 'expected a number < 1, got 1'],
    [{ multipleOf: 5 }, 7, 'expected a multiple of 5, got 7'],
    [{ pattern: '^[a-z]+$' }, 'A', 'expected a string matching /^[a-z]+$/, got "A"'],
    [{ uniqueItems: true }, [1, 2, 1], 'expected unique items, got a duplicate at index 2'],
    [{ uniqueItems: true }, [{ a: 1, b: [2] }, { b: [2], a: 1 }], 'expected unique items, got a duplicate at index 1'],
    [{ minProperties: 1 }, {}, 'expected at least 1 key, got 0 keys'],
    [{ maxProperties: 1 }, { a: 1, b: 2 }, 'expected at most 1 key, got 2 keys'],
    [{ anyOf: [{ type: 'string' }, { type: 'integer' }] }, 1.5, 'expected a value matching one of 2 alternatives, got 1.5'],
    [{ oneOf: [{ type: 'string' }, { type: 'integer' }, { type: 'boolean' }] }, null, 'expected a value matching one of 3 alternatives, got null'],
    [{ oneOf: [{ type: 'number' }, { type: 'integer' }, { minimum: 0 }] }, 3, 'expected exactly one of 3 alternatives to match, got 3'],
    [{ not: { type: 'string' } }, 'x', 'expected a value not matching the excluded schema, got "x"'],
    [false, { a: 1 }, 'expected nothing here, got {"a":1}'],
  ])('%j with %j: %s', (schema, value, message) => {
    expect(only(schema, value)).toEqual({ path: [], message });
  });

  test.each([
    [{ type: 'integer' }, 3], [{ type: 'integer' }, 3.0], [{ type: 'number' }, 3], [{ type: ['string', 'null'] }, null],
    [{ enum: ['a', { b: [1] }] }, { b: [1] }], [{ const: null }, null], [{ required: ['a'] }, { a: null }],
    [{ minItems: 1, maxItems: 1 }, [0]], [{ minLength: 2, maxLength: 2 }, '😀😀'], [{ minimum: 1, maximum: 1 }, 1],
    [{ multipleOf: 0.5 }, 2.5], [{ pattern: 'b' }, 'abc'], [{ uniqueItems: true }, [1, '1', [1], { a: 1 }, { a: '1' }]],
    [{ uniqueItems: false }, [1, 1]], [{ anyOf: [{ type: 'string' }, { type: 'integer' }] }, 1],
    [{ oneOf: [{ type: 'string' }, { type: 'integer' }] }, 1], [{ not: { type: 'string' } }, 1], [true, { a: 1 }],
    [{ format: 'email', contentEncoding: 'base64' }, 'not an email'], [{}, [1, { b: null }]],
  ])('%j accepts %j', (schema, value) => {
    expect(schemaViolations(schema, value)).toEqual([]);
  });

  test('the found value is shown as JSON cut to 60 characters', () => {
    const { message } = only({ type: 'number' }, 'x'.repeat(100));
    expect(message).toBe(`expected number, got "${'x'.repeat(58)}…`);
    expect(message.slice('expected number, got '.length)).toHaveLength(60);
  });

  test('an unknown key under additionalProperties: false is reported at its own path, with the known keys sorted', () => {
    const schema = { properties: { b: {}, a: {}, c: {} }, additionalProperties: false };
    expect(schemaViolations(schema, { a: 1, x: 1 })).toEqual([{ path: ['x'], message: 'expected a known key (a, b, c), got "x"' }]);
  });

  test('the list of known keys stops at 12', () => {
    const names = 'abcdefghijklmnopq'.split('');
    const schema = { properties: Object.fromEntries(names.reverse().map((n) => [n, {}])), additionalProperties: false };
    expect(only(schema, { z: 1 }).message).toBe('expected a known key (a, b, c, d, e, f, g, h, i, j, k, l, …), got "z"');
  });

  test('patternProperties are named in the unknown key message, and match keys', () => {
    const schema = { properties: { a: {} }, patternProperties: { '^x-': { type: 'string' } }, additionalProperties: false };
    expect(schemaViolations(schema, { 'a': 1, 'x-ok': 'y', 'x-bad': 1, 'y': 1 })).toEqual([
      { path: ['x-bad'], message: 'expected string, got 1' },
      { path: ['y'], message: 'expected a known key (a) or one matching /^x-/, got "y"' },
    ]);
  });

  test('additionalProperties as a schema checks only the keys properties and patternProperties do not name', () => {
    const schema = { properties: { a: { type: 'string' } }, patternProperties: { '^n': { type: 'number' } }, additionalProperties: { type: 'boolean' } };
    expect(schemaViolations(schema, { a: 's', n1: 1, b: true, c: 'no' })).toEqual([{ path: ['c'], message: 'expected boolean, got "no"' }]);
  });

  test('required reports at the object, once per missing key, and looks only at own keys', () => {
    const schema = { properties: { o: { required: ['toString', 'a', 'b'] } } };
    expect(schemaViolations(schema, { o: { a: 1 } })).toEqual([
      { path: ['o'], message: 'expected key "toString" to be set, got none' },
      { path: ['o'], message: 'expected key "b" to be set, got none' },
    ]);
  });

  test('keys set to undefined count as absent', () => {
    expect(schemaViolations({ required: ['a'], additionalProperties: false, properties: { a: {} } }, { a: undefined, b: undefined })).toEqual([
      { path: [], message: 'expected key "a" to be set, got none' },
    ]);
  });

  test('every violation is reported, with paths through objects and arrays', () => {
    const schema = {
      type: 'object',
      properties: {
        webhook: { type: 'object', properties: { securePort: { type: 'integer' }, hosts: { type: 'array', items: { type: 'string', minLength: 1 } } } },
        replicaCount: { type: 'number', minimum: 1 },
      },
      additionalProperties: false,
    };
    expect(schemaViolations(schema, { webhook: { securePort: '10260', hosts: ['a', '', 3] }, replicaCount: 0, extra: {} })).toEqual([
      { path: ['webhook', 'securePort'], message: 'expected integer, got "10260"' },
      { path: ['webhook', 'hosts', 1], message: 'expected at least 1 character, got 0' },
      { path: ['webhook', 'hosts', 2], message: 'expected string, got 3' },
      { path: ['replicaCount'], message: 'expected a number >= 1, got 0' },
      { path: ['extra'], message: 'expected a known key (replicaCount, webhook), got "extra"' },
    ]);
  });

  test('a value of the wrong type gets only the type message', () => {
    expect(schemaViolations({ type: 'string', enum: ['a'], minLength: 3 }, 5)).toEqual([{ path: [], message: 'expected string, got 5' }]);
  });

  test('allOf reports the violations of every branch', () => {
    const schema = { allOf: [{ properties: { a: { type: 'string' } } }, { properties: { b: { type: 'string' } } }, { required: ['c'] }] };
    expect(schemaViolations(schema, { a: 1, b: 2 })).toEqual([
      { path: ['a'], message: 'expected string, got 1' },
      { path: ['b'], message: 'expected string, got 2' },
      { path: [], message: 'expected key "c" to be set, got none' },
    ]);
  });

  test('inside anyOf, oneOf and not only the summary of that position is reported', () => {
    const branches = [{ properties: { a: { type: 'string' } }, required: ['b'] }, { properties: { a: { type: 'boolean' } } }];
    expect(schemaViolations({ properties: { o: { anyOf: branches } } }, { o: { a: 1 } })).toEqual([
      { path: ['o'], message: 'expected a value matching one of 2 alternatives, got {"a":1}' },
    ]);
    expect(schemaViolations({ properties: { o: { oneOf: branches } } }, { o: { a: 1 } })).toEqual([
      { path: ['o'], message: 'expected a value matching one of 2 alternatives, got {"a":1}' },
    ]);
    expect(schemaViolations({ properties: { o: { not: { properties: { a: { type: 'string' } } } } } }, { o: { a: 's' } })).toEqual([
      { path: ['o'], message: 'expected a value not matching the excluded schema, got {"a":"s"}' },
    ]);
  });
});

describe('$ref', () => {
  test('resolves into $defs and definitions, with ~1, ~0 and percent escapes', () => {
    const schema = {
      $defs: { 'a/b': { type: 'string' }, 'c~d': { type: 'number' }, 'e f': { type: 'boolean' } },
      definitions: { g: { properties: { h: { $ref: '#/$defs/a~1b' } } } },
      properties: {
        slash: { $ref: '#/$defs/a~1b' },
        tilde: { $ref: '#/$defs/c~0d' },
        space: { $ref: '#/$defs/e%20f' },
        nested: { $ref: '#/definitions/g/properties/h' },
        whole: { $ref: '#/definitions/g' },
      },
    };
    expect(schemaViolations(schema, { slash: 1, tilde: 'x', space: null, nested: 2, whole: { h: 3 } })).toEqual([
      { path: ['slash'], message: 'expected string, got 1' },
      { path: ['tilde'], message: 'expected number, got "x"' },
      { path: ['space'], message: 'expected boolean, got null' },
      { path: ['nested'], message: 'expected string, got 2' },
      { path: ['whole', 'h'], message: 'expected string, got 3' },
    ]);
    expect(schemaViolations(schema, { slash: 's', tilde: 1, space: true, nested: 't', whole: { h: 'u' } })).toEqual([]);
  });

  test('resolves into arrays', () => {
    const schema = { properties: { a: { $ref: '#/properties/b/anyOf/1' }, b: { anyOf: [{ type: 'null' }, { type: 'string' }] } } };
    expect(only(schema, { a: 1, b: 's' })).toEqual({ path: ['a'], message: 'expected string, got 1' });
  });

  test('draft-07: the siblings of $ref are ignored', () => {
    const schema = { $defs: { s: { type: 'string' } }, properties: { a: { $ref: '#/$defs/s', maxLength: 1, enum: ['x'] } } };
    expect(schemaViolations(schema, { a: 'abc' })).toEqual([]);
    expect(only(schema, { a: 1 })).toEqual({ path: ['a'], message: 'expected string, got 1' });
  });

  test('a recursive schema follows the data as deep as it goes', () => {
    const tree = { type: 'object', properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#' } } }, additionalProperties: false };
    const value = { name: 'a', children: [{ name: 'b', children: [] }, { name: 'c', children: [{ name: 4 }] }] };
    expect(schemaViolations(tree, value)).toEqual([{ path: ['children', 1, 'children', 0, 'name'], message: 'expected string, got 4' }]);
  });

  test('a value that contains itself is reported, not recursed into forever', () => {
    const tree = { $defs: { node: { type: 'object', additionalProperties: { $ref: '#/$defs/node' } } }, $ref: '#/$defs/node' };
    const value: any = { a: { b: {} } };
    value.a.b.c = value.a;
    expect(schemaViolations(tree, value)).toEqual([{ path: ['a', 'b', 'c'], message: 'expected JSON data, got a value that contains itself' }]);
    const list: any[] = [];
    list.push(list);
    expect(schemaViolations({ items: { $ref: '#' } }, list)).toEqual([{ path: [0], message: 'expected JSON data, got a value that contains itself' }]);
  });

  test('a $ref cycle that never reaches a value throws instead of overflowing the stack', () => {
    expect(() => schemaViolations({ $defs: { a: { $ref: '#/$defs/b' }, b: { allOf: [{ $ref: '#/$defs/a' }] } }, $ref: '#/$defs/a' }, 1))
      .toThrow('circular JSON schema $ref');
  });
});

describe('items', () => {
  test('array form checks by position, and additionalItems the rest', () => {
    const tuple = { items: [{ type: 'string' }, { type: 'number' }] };
    expect(schemaViolations(tuple, [1, 'a', true, null])).toEqual([
      { path: [0], message: 'expected string, got 1' },
      { path: [1], message: 'expected number, got "a"' },
    ]);
    expect(schemaViolations({ ...tuple, additionalItems: false }, ['a', 1, true])).toEqual([{ path: [2], message: 'expected nothing here, got true' }]);
    expect(schemaViolations({ ...tuple, additionalItems: { type: 'boolean' } }, ['a', 1, true, 'no'])).toEqual([{ path: [3], message: 'expected boolean, got "no"' }]);
    expect(schemaViolations({ ...tuple, additionalItems: false }, ['a'])).toEqual([]);
  });

  test('single-schema form checks every item', () => {
    expect(schemaViolations({ items: { type: 'integer' } }, [1, 'b', 3, 4.5])).toEqual([
      { path: [1], message: 'expected integer, got "b"' },
      { path: [3], message: 'expected integer, got 4.5' },
    ]);
  });
});

describe('boolean schemas', () => {
  test('true accepts anything, false nothing, at any position', () => {
    const schema = { properties: { yes: true, no: false }, items: false };
    expect(schemaViolations(true, Symbol.for('anything'))).toEqual([]);
    expect(schemaViolations(schema, { yes: [1, { a: null }] })).toEqual([]);
    expect(schemaViolations(schema, { no: 0 })).toEqual([{ path: ['no'], message: 'expected nothing here, got 0' }]);
    expect(schemaViolations(schema, ['x'])).toEqual([{ path: [0], message: 'expected nothing here, got "x"' }]);
    expect(schemaViolations({ $defs: { never: false }, properties: { a: { $ref: '#/$defs/never' } } }, { a: 1 })).toEqual([
      { path: ['a'], message: 'expected nothing here, got 1' },
    ]);
    expect(schemaViolations({ properties: { a: { items: { properties: { b: false } } } } }, { a: [{}, { b: null }] })).toEqual([
      { path: ['a', 1, 'b'], message: 'expected nothing here, got null' },
    ]);
  });
});

describe('the vendored chart schemas', () => {
  test.each(CHARTS.map((c) => [c.chart, c]))('%s accepts its own defaults', (_name, { schema, defaults }) => {
    expect(Object.keys(defaults).length).toBeGreaterThan(10);
    expect(schemaViolations(schema, defaults)).toEqual([]);
  });

  test('cert-manager: replicaCount must be a number', () => {
    expect(schemaViolations(chart('cert-manager').schema, { replicaCount: 'two' })).toEqual([
      { path: ['replicaCount'], message: 'expected number, got "two"' },
    ]);
  });

  test('cert-manager: podSecurityContext is not a top-level key', () => {
    const [violation, ...rest] = schemaViolations(chart('cert-manager').schema, { podSecurityContext: {} });
    expect(rest).toEqual([]);
    expect(violation.path).toEqual(['podSecurityContext']);
    expect(violation.message).toMatch(/^expected a known key \(acmesolver, affinity, .*, …\), got "podSecurityContext"$/);
  });

  test('cert-manager: webhook.securePort must be a number', () => {
    expect(schemaViolations(chart('cert-manager').schema, { webhook: { securePort: '10260' } })).toEqual([
      { path: ['webhook', 'securePort'], message: 'expected number, got "10260"' },
    ]);
  });

  test('external-dns: policy is one of three values', () => {
    expect(schemaViolations(chart('external-dns').schema, { policy: 'upsert' })).toEqual([
      { path: ['policy'], message: 'expected one of "create-only", "sync", "upsert-only", got "upsert"' },
    ]);
    expect(schemaViolations(chart('external-dns').schema, { policy: 'sync' })).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Differential test against ajv on documents made by mutating each chart's defaults.

/** mulberry32: a small seeded PRNG, so every run tests the same documents. */
/* eslint-disable no-bitwise */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  return { next, int, pick, chance: (p: number) => next() < p };
}
/* eslint-enable no-bitwise */
type Rng = ReturnType<typeof prng>;

const isMap = (v: unknown): v is { [key: string]: any } => typeof v === 'object' && v !== null && !Array.isArray(v);
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));
const pointer = (path: Path) => path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
const kindOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Every position in `doc` below the root: its path and value. */
function positions(doc: unknown, path: Path = []): Array<{ path: Path; value: unknown }> {
  const children: Array<[string | number, unknown]> = Array.isArray(doc) ? doc.map((v, i) => [i, v]) : isMap(doc) ? Object.entries(doc) : [];
  return children.flatMap(([k, v]) => [{ path: [...path, k], value: v }, ...positions(v, [...path, k])]);
}

function randomValue(rng: Rng, depth = 0, not?: string): unknown {
  for (;;) {
    const value = rng.pick<() => unknown>([
      () => rng.pick(['', 'x', 'two', '10260', 'true', 'IfNotPresent', 'sync']),
      () => rng.pick([0, 1, 7, -3, 65536]),
      () => rng.pick([2.5, -0.5]),
      () => rng.chance(0.5),
      () => null,
      () => (depth > 2 ? {} : { [rng.pick(['a', 'name', 'enabled', 'port'])]: randomValue(rng, depth + 1) }),
      () => (depth > 2 ? [] : rng.pick([[], [randomValue(rng, depth + 1)], ['a', 'a']])),
    ])();
    if (kindOf(value) !== not) return value;
  }
}

/** Instance paths the schema describes (following $ref, a few levels deep), with their schemas. */
function schemaSites(root: any): Array<{ path: Path; schema: any }> {
  const sites: Array<{ path: Path; schema: any }> = [];
  const visit = (s: any, path: Path) => {
    s = deref(root, s);
    if (!isMap(s) || path.length > 8) return;
    if (path.length > 0) sites.push({ path, schema: s });
    for (const [key, sub] of Object.entries(s.properties ?? {})) visit(sub, [...path, key]);
    if (isMap(s.items)) visit(s.items, [...path, 0]);
    if (isMap(s.additionalProperties)) visit(s.additionalProperties, [...path, 'extra']);
  };
  visit(root, []);
  return sites;
}

/** The schema a (local, JSON pointer) $ref leads to. */
function deref(root: any, schema: any): any {
  while (isMap(schema) && typeof schema.$ref === 'string') {
    schema = schema.$ref.slice(2).split('/').filter((p: string) => p !== '')
      .map((p: string) => decodeURIComponent(p).replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((t: any, k: string) => t[k], root);
  }
  return schema;
}

/** A value the site's schema probably accepts (types, enums, known keys). */
function sample(rng: Rng, root: any, schema: any, depth = 0): unknown {
  schema = deref(root, schema);
  if (!isMap(schema)) return randomValue(rng, depth);
  if (Array.isArray(schema.enum)) return rng.pick(schema.enum);
  const types: string[] = schema.type === undefined ? ['string', 'object'] : [].concat(schema.type);
  // The boundaries the schema sets (NaN where it sets none, e.g. undefined - 1), and one past them.
  const edge = (xs: number[]): number[] => xs.filter((x) => Number.isFinite(x));
  switch (rng.pick(types)) {
    case 'string': return rng.pick(['a', 'IfNotPresent', 'x.example.com']);
    case 'integer': return rng.pick(edge([1, 3, 8080, 1.5, schema.minimum, schema.minimum - 1, schema.maximum, schema.maximum + 1]));
    case 'number': return rng.pick(edge([1, 2.5, 443, schema.minimum, schema.minimum - 0.5, schema.maximum, schema.maximum + 0.5]));
    case 'boolean': return rng.chance(0.5);
    case 'null': return null;
    case 'array': {
      if (depth > 4 || !isMap(schema.items)) return [];
      const item = sample(rng, root, schema.items, depth + 1);
      // Sizes around minItems and maxItems, and duplicates for uniqueItems.
      const length = rng.pick(edge([0, 1, 2, schema.minItems, schema.maxItems, schema.maxItems + 1]));
      return Array.from({ length }, (_, i) => (i > 0 && rng.chance(0.5) ? item : sample(rng, root, schema.items, depth + 1)));
    }
    default: {
      const out: { [key: string]: unknown } = {};
      if (depth < 5) {
        for (const [key, sub] of Object.entries(schema.properties ?? {})) if (rng.chance(0.3)) out[key] = sample(rng, root, sub, depth + 1);
      }
      return out;
    }
  }
}

function setAt(doc: any, path: Path, value: unknown): void {
  let node = doc;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i];
    const want = typeof path[i + 1] === 'number' ? 'array' : 'object';
    if (kindOf(node[key]) !== want) node[key] = want === 'array' ? [] : {};
    node = node[key];
  }
  node[path[path.length - 1]] = value;
}

function getAt(doc: any, path: Path): any {
  return path.reduce((node, key) => node[key], doc);
}

function removeAt(doc: any, path: Path): void {
  const parent = getAt(doc, path.slice(0, -1));
  const key = path[path.length - 1];
  if (Array.isArray(parent)) parent.splice(key as number, 1);
  else delete parent[key];
}

interface Sites {
  /** Every position the schema describes. */
  readonly all: Array<{ path: Path; schema: any }>;
  /** Those with a string enum. */
  readonly enums: Array<{ path: Path; schema: any }>;
  /** Those with bounds, sizes, uniqueness or a pattern. */
  readonly constrained: Array<{ path: Path; schema: any }>;
}

function mutate(rng: Rng, root: any, doc: any, sites: Sites): void {
  const all = positions(doc);
  const maps = [{ path: [] as Path, value: doc }, ...all.filter((p) => isMap(p.value))];
  const some = all.length > 0 ? rng.pick(all) : undefined;
  switch (rng.int(8)) {
    case 0: // change a value's type
      if (some) setAt(doc, some.path, randomValue(rng, 0, kindOf(some.value)));
      break;
    case 1: { // an unknown key at some depth
      const at = rng.pick(maps);
      at.value[rng.pick(['unknownKey', 'podSecurityContext', 'replicas', 'x-extra'])] = randomValue(rng);
      break;
    }
    case 2: { // enum-typed leaves, right and wrong
      if (sites.enums.length === 0) break;
      const site = rng.pick(sites.enums);
      const good: string[] = site.schema.enum;
      setAt(doc, site.path, rng.chance(0.5) ? rng.pick(good) : rng.pick(['upsert', good[0].toUpperCase(), `${good[0]}x`, '']));
      break;
    }
    case 3: // delete a key or an item
      if (some) removeAt(doc, some.path);
      break;
    case 4: { // an object turned into an array
      const at = rng.pick(maps.filter((m) => m.path.length > 0).concat(maps.slice(0, 1)));
      if (at.path.length > 0) setAt(doc, at.path, rng.chance(0.5) ? Object.values(at.value) : [at.value]);
      break;
    }
    case 5: // nested deeper
      if (some) setAt(doc, some.path, rng.chance(0.5) ? { value: some.value } : { a: { b: some.value } });
      break;
    default: { // a position the schema describes (maybe absent from the defaults): a likely-valid or a random value
      const site = rng.pick(sites.constrained.length > 0 && rng.chance(0.3) ? sites.constrained : sites.all);
      setAt(doc, site.path, rng.chance(0.7) ? sample(rng, root, site.schema) : randomValue(rng));
    }
  }
}

/**
 * Where ajv says the document is wrong, one JSON pointer per error (so several errors at one place
 * count several times), in the form schemaViolations reports them: an unknown key at its own path;
 * nothing else where the type is wrong (ajv adds an enum error there); inside anyOf and oneOf only
 * the summary.
 */
function ajvPointers(errors: ErrorObject[]): string[] {
  const wrongType = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  return errors
    .filter((e) => !/\/(anyOf|oneOf)\/\d+\//.test(e.schemaPath))
    .filter((e) => e.keyword === 'type' || !wrongType.has(e.instancePath))
    .map((e) => (e.keyword === 'additionalProperties'
      ? `${e.instancePath}${pointer([(e.params as { additionalProperty: string }).additionalProperty])}`
      : e.instancePath))
    .sort();
}

/** The keywords of `schema` that can fail on their own (everywhere in it). */
function assertingKeywords(schema: any): string[] {
  const found = new Set<string>();
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isMap(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'enum' || key === 'const' || key === 'default' || key === 'examples') continue;
      const failsSometimes = key === 'additionalProperties' ? value === false
        : ['minItems', 'minLength', 'minProperties'].includes(key) ? value !== 0
          : key === 'uniqueItems' ? value === true
            : ['type', 'required', 'maxItems', 'maxLength', 'maxProperties', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum',
              'exclusiveMaximum', 'multipleOf'].includes(key);
      if (failsSometimes) {
        found.add(key);
      }
      visit(value);
    }
    if ('enum' in node) found.add('enum');
  };
  visit(schema);
  return [...found].sort();
}

describe('agrees with ajv', () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const DOCUMENTS = 400;

  test.each(CHARTS.map((c, i) => [c.chart, c, i]))('on %s documents made from the chart defaults', (_name, { schema, defaults }, seed) => {
    const validate = ajv.compile(schema);
    const rng = prng(0x5eed + (seed as number));
    const all = schemaSites(schema);
    const sites: Sites = {
      all,
      enums: all.filter((s) => Array.isArray(s.schema.enum) && s.schema.enum.every((e: unknown) => typeof e === 'string')),
      constrained: all.filter((s) => ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minItems', 'maxItems',
        'uniqueItems', 'minLength', 'maxLength', 'pattern', 'required', 'minProperties', 'maxProperties'].some((k) => k in s.schema)),
    };
    const mismatches: object[] = [];
    const verdicts = { valid: 0, invalid: 0 };
    const keywords = new Set<string>();
    for (let n = 0; n < DOCUMENTS; n++) {
      const doc = clone(defaults);
      const steps = 1 + rng.int(3);
      for (let i = 0; i < steps; i++) mutate(rng, schema, doc, sites);
      const ours = schemaViolations(schema, doc);
      const valid = validate(doc) as boolean;
      const errors = validate.errors ?? [];
      errors.forEach((e) => keywords.add(e.keyword));
      verdicts[valid ? 'valid' : 'invalid']++;
      const ourPaths = ours.map((v) => pointer(v.path)).sort();
      const ajvPaths = ajvPointers(errors);
      if ((ours.length === 0) !== valid || JSON.stringify(ourPaths) !== JSON.stringify(ajvPaths)) {
        const ajvErrors = errors.map((e) => ({ keyword: e.keyword, instancePath: e.instancePath, params: e.params, message: e.message }));
        mismatches.push({ document: doc, ours, ajv: ajvErrors });
      }
    }
    expect({ mismatches: mismatches.length, first: mismatches[0] }).toEqual({ mismatches: 0, first: undefined });
    // The documents exercise both verdicts and every keyword of the schema that can fail.
    expect(verdicts.valid).toBeGreaterThan(DOCUMENTS / 10);
    expect(verdicts.invalid).toBeGreaterThan(DOCUMENTS / 10);
    expect([...keywords].sort()).toEqual(assertingKeywords(schema));
  });
});
