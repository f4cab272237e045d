// Validates Kubernetes objects against real schemas. test/support/manifests.ts runs it in a worker
// thread (one per test file, which sends a JSON array of objects and waits for the errors); as a
// script it reads the JSON array on stdin and exits 1 with one line per error on stderr.
// kubernetes-models (v5) and @kubernetes-models/* are ESM-only, which Jest's CommonJS runtime
// cannot load, hence this module outside Jest's module system.
//
// Two checks per object:
// 1. The model of its apiVersion and kind, from the first package that has one: kubernetes-models
//    (every built-in group: core v1, apps/v1, batch/v1, rbac.authorization.k8s.io/v1,
//    admissionregistration.k8s.io/v1, apiextensions.k8s.io/v1, networking.k8s.io/v1, policy/v1 ...),
//    then @kubernetes-models/cert-manager, flux-cd, argo-cd and prometheus-operator. Types, enums,
//    required fields. An apiVersion or kind no package models fails with "no schema known".
// 2. For cert-manager kinds (Certificate, Issuer, ClusterIssuer) and trust-manager's Bundle, the
//    upstream CRD's openAPIV3Schema of the object's version with unknown fields forbidden (like
//    `kubectl apply --validate=strict`), so a misspelt field fails too. The CRDs are the vendored
//    ones in upstream/ (`<chart>-<version>-crd-<plural>.yaml`, at the one version of the chart
//    vendored, which test/upstream.test.ts checks is the pinned one). The CEL rules
//    (x-kubernetes-validations) of the form `[has(self.a),has(self.b)].filter(x,x==true).size() == 1`
//    (or `>= 1`), "exactly one of" and "at least one of", are checked too; other CEL rules are not,
//    nor are the checks of the validating webhooks (e.g. trust-manager's: a source names a key
//    unless includeAllKeys, which then takes no key).
//
// Speed: the thread imports each model once for all of a test file's checks (a process per check
// cost about 0.3 s of CPU, most of it Node's start and the imports); each model is imported alone
// (`kubernetes-models/apps/v1/Deployment`), not its group's index, and the compiled CRD validators
// (about a second for Issuer's schema) are cached as standalone code in node_modules/.cache, keyed
// by the schema's hash.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, workerData } from 'node:worker_threads';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';

// The model packages, tried in order for an apiVersion `<group>/<version>` (core: `v1`).
const PACKAGES = [
  'kubernetes-models', '@kubernetes-models/cert-manager', '@kubernetes-models/flux-cd',
  '@kubernetes-models/argo-cd', '@kubernetes-models/prometheus-operator',
];
const API_VERSION = /^(?:[a-z0-9]([a-z0-9.-]*[a-z0-9])?\/)?v[0-9]+(?:(?:alpha|beta)[0-9]+)?$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;

const models = new Map();
/** The model class of an apiVersion and kind, or undefined when no package has one. */
async function modelFor(apiVersion, kind) {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !API_VERSION.test(apiVersion) || !KIND.test(kind)) return undefined;
  const key = `${apiVersion} ${kind}`;
  if (!models.has(key)) {
    let found;
    for (const pkg of PACKAGES) {
      try {
        const module = await import(`${pkg}/${apiVersion}/${kind}`);
        const Model = module[kind];
        // A module of a nested type (DeploymentSpec) is no resource: it has no apiVersion and kind.
        if (Model?.apiVersion === apiVersion && Model?.kind === kind) found = Model;
        break;
      } catch (e) {
        if (e.code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED' && e.code !== 'ERR_MODULE_NOT_FOUND') throw e;
      }
    }
    models.set(key, found);
  }
  return models.get(key);
}

const root = fileURLToPath(new URL('../../', import.meta.url));
const upstream = join(root, 'upstream');
const cacheDir = join(root, 'node_modules', '.cache', 'cdk-gitpod-networking', 'crd-validators');
// The kinds validated against a vendored CRD: API group -> chart, and kind -> the CRD's plural.
const CRDS = {
  'cert-manager.io': { chart: 'cert-manager', kinds: { ClusterIssuer: 'clusterissuers', Issuer: 'issuers', Certificate: 'certificates' } },
  'trust.cert-manager.io': { chart: 'trust-manager', kinds: { Bundle: 'bundles' } },
};

/** The vendored CRD file of a chart's plural; upstream/ holds one version of each chart. */
function crdFile(chart, plural) {
  const pattern = new RegExp(`^${chart}-(v?[0-9][^-]*)-crd-${plural}\\.yaml$`);
  const found = readdirSync(upstream).filter((f) => pattern.test(f));
  if (found.length !== 1) throw new Error(`expected one ${chart}-<version>-crd-${plural}.yaml in ${upstream}, found ${found.length ? found.join(', ') : 'none'}: run npm run upstream:refresh`);
  return join(upstream, found[0]);
}

// "Exactly one of" / "at least one of" as CEL, the one form of rule the kubebuilder markers
// ExactlyOneOf and AtLeastOneOf generate.
const PRESENCE_RULE = /^\[((?:has\(self\.[A-Za-z0-9_]+\)\s*,?\s*)+)\]\.filter\(x,\s*x\s*==\s*true\)\.size\(\)\s*(==|>=)\s*1$/;
/**
 * A CEL rule (an x-kubernetes-validations entry) of PRESENCE_RULE's form as JSON Schema, with the
 * rule's message as description (for errorsText), or undefined for any other rule.
 */
function presenceRule({ rule, message }) {
  const m = PRESENCE_RULE.exec(String(rule).trim());
  if (!m) return undefined;
  const fields = [...m[1].matchAll(/has\(self\.([A-Za-z0-9_]+)\)/g)].map((f) => ({ required: [f[1]] }));
  return { description: message ?? rule, [m[2] === '==' ? 'oneOf' : 'anyOf']: fields };
}

function strict(schema) {
  if (schema && typeof schema === 'object') {
    if (schema.type === 'object' && schema.properties && schema.additionalProperties === undefined && !schema['x-kubernetes-preserve-unknown-fields']) {
      schema.additionalProperties = false;
    }
    const rules = (schema['x-kubernetes-validations'] ?? []).map(presenceRule).filter(Boolean);
    if (rules.length) schema.allOf = [...(schema.allOf ?? []), ...rules];
    for (const [k, v] of Object.entries(schema)) if (!k.startsWith('x-kubernetes')) strict(v);
  }
  return schema;
}

// Kubernetes formats (int32, byte...) are not JSON Schema formats; types are still checked.
const AJV_OPTIONS = { allErrors: true, strict: false, validateFormats: false, logger: false };
let ajv;
const ajvInstance = () => (ajv ??= new Ajv({ ...AJV_OPTIONS, code: { source: true } }));
const requireFromCache = createRequire(join(cacheDir, 'index.cjs'));
const ajvVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'ajv', 'package.json'), 'utf8')).version;

/**
 * The validator of a schema made by `makeSchema` from `source`: from the cache when compiled
 * before (keyed by the source, the code that makes the schema, Ajv's version and options), else
 * compiled and cached.
 */
async function cachedValidator(source, makeSchema) {
  const hash = createHash('sha256').update(JSON.stringify({ ajvVersion, AJV_OPTIONS, make: makeSchema.toString(), strict: strict.toString(), presenceRule: presenceRule.toString(), PRESENCE_RULE: PRESENCE_RULE.source, source }))
    .digest('hex').slice(0, 32);
  const file = join(cacheDir, `${hash}.cjs`);
  if (existsSync(file)) return requireFromCache(file);
  const validate = ajvInstance().compile(await makeSchema(source));
  mkdirSync(cacheDir, { recursive: true });
  // Written under a temporary name and renamed: parallel test workers never read half a file.
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, standaloneCode(ajvInstance(), validate));
  renameSync(partial, file);
  return validate;
}

/** The strict schema of a version of the CRD in a YAML file's text (`{ yamlText, version }`). */
async function strictCrdSchema({ yamlText, version: name }) {
  const { parseAllDocuments } = await import('yaml');
  const crd = parseAllDocuments(yamlText).map((d) => d.toJSON()).find((d) => d?.kind === 'CustomResourceDefinition');
  const version = crd.spec.versions.find((v) => v.name === name && v.served);
  if (!version) throw new Error(`${crd.metadata.name} serves no version ${name} (it serves ${crd.spec.versions.filter((v) => v.served).map((v) => v.name).join(', ')})`);
  const schema = strict(structuredClone(version.schema.openAPIV3Schema));
  // metadata is validated by the API server, not by the CRD schema.
  schema.properties.metadata = { type: 'object' };
  return schema;
}

const crdValidators = {};
async function crdValidator(object) {
  const [group, version] = typeof object.apiVersion === 'string' ? object.apiVersion.split('/') : [];
  const plural = CRDS[group]?.kinds[object.kind];
  if (!plural || !version) return undefined;
  const key = `${object.apiVersion} ${object.kind}`;
  if (!crdValidators[key]) {
    const source = { yamlText: readFileSync(crdFile(CRDS[group].chart, plural), 'utf8'), version };
    crdValidators[key] = { validate: await cachedValidator(source, strictCrdSchema), schema: () => strictCrdSchema(source) };
  }
  return crdValidators[key];
}

// The schema path of a presence rule's oneOf or anyOf (strict puts them in allOf), and of its branches.
const RULE_PATH = /^#(.*\/allOf\/\d+)\/(?:oneOf|anyOf)(\/.*)?$/;

/**
 * The errors as text. A presence rule's failure reads as the CRD's message for it, without the
 * errors of its branches (`must have required property` for each field).
 */
async function errorsText(errors, dataVar, schema) {
  const lines = [];
  for (const e of errors ?? []) {
    const rule = RULE_PATH.exec(e.schemaPath);
    if (rule?.[2]) continue;
    let message = e.message;
    if (rule) {
      let node = await schema();
      for (const segment of rule[1].split('/').slice(1)) node = node?.[decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~')];
      message = `${node?.description ?? e.message} (x-kubernetes-validations)`;
    }
    lines.push(`${dataVar}${e.instancePath} ${message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`);
  }
  return lines.join(', ');
}

/** The errors of a JSON array of objects (as text), one line each: empty when every object is valid. */
export async function manifestErrors(json) {
  const objects = JSON.parse(json);
  if (!Array.isArray(objects)) return [`expected a JSON array of objects, got ${typeof objects}`];
  const errors = [];
  for (const object of objects) {
    if (!object || typeof object !== 'object' || Array.isArray(object)) {
      errors.push(`not a Kubernetes object: ${JSON.stringify(object)}`);
      continue;
    }
    const where = `${object.kind} ${object.metadata?.namespace ? object.metadata.namespace + '/' : ''}${object.metadata?.name}`;
    const Model = await modelFor(object.apiVersion, object.kind);
    if (!Model) {
      errors.push(`${where}: no schema known for ${object.apiVersion} ${object.kind}`);
      continue;
    }
    try {
      new Model(object).validate();
    } catch (e) {
      errors.push(`${where}: ${e.message}`);
    }
    const crd = await crdValidator(object);
    if (crd && !crd.validate(object)) {
      errors.push(`${where}: ${await errorsText(crd.validate.errors, object.kind, crd.schema)}`);
    }
  }
  return errors;
}

if (!isMainThread && workerData?.port) {
  // The validator thread of test/support/manifests.ts: one request at a time, each a JSON array;
  // the reply is posted, then the waiting thread is woken through the shared signal.
  const { port, signal } = workerData;
  port.on('message', async (json) => {
    let reply;
    try {
      reply = { errors: await manifestErrors(json) };
    } catch (e) {
      reply = { failure: e?.stack ?? String(e) };
    }
    port.postMessage(reply);
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
  });
} else if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // Run as a script: the JSON array on stdin, exit 1 with the errors on stderr.
  const input = readFileSync(0, 'utf8');
  const errors = await manifestErrors(input);
  if (errors.length) {
    console.error(errors.join('\n'));
    process.exit(1);
  }
  console.log(`${JSON.parse(input).length} objects valid`);
}
