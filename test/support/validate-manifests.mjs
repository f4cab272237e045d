// Validates Kubernetes objects against real schemas; run by test/support/manifests.ts.
// kubernetes-models v6 is ESM-only, which Jest's CommonJS runtime cannot load, hence this script.
//
// Two checks per object:
// 1. kubernetes-models (core types and @kubernetes-models/cert-manager): types, enums, required fields.
// 2. For cert-manager kinds, the upstream CRD's openAPIV3Schema with unknown fields forbidden
//    (like `kubectl apply --validate=strict`), so a misspelt field fails too. The CRDs are the
//    vendored ones in upstream/.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { parseAllDocuments } from 'yaml';
import * as core from 'kubernetes-models/v1';
import * as certManager from '@kubernetes-models/cert-manager/cert-manager.io/v1';
import * as trust from '@kubernetes-models/cert-manager/trust.cert-manager.io/v1alpha1';

const models = { v1: core, 'cert-manager.io/v1': certManager, 'trust.cert-manager.io/v1alpha1': trust };
const upstream = fileURLToPath(new URL('../../upstream/', import.meta.url));
const crdFiles = { ClusterIssuer: 'clusterissuers', Issuer: 'issuers', Certificate: 'certificates' };

function strict(schema) {
  if (schema && typeof schema === 'object') {
    if (schema.type === 'object' && schema.properties && schema.additionalProperties === undefined && !schema['x-kubernetes-preserve-unknown-fields']) {
      schema.additionalProperties = false;
    }
    for (const [k, v] of Object.entries(schema)) if (!k.startsWith('x-kubernetes')) strict(v);
  }
  return schema;
}

// Kubernetes formats (int32, byte...) are not JSON Schema formats; types are still checked.
const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, logger: false });
const crdValidators = {};
function crdValidator(kind) {
  if (!crdFiles[kind]) return undefined;
  if (!crdValidators[kind]) {
    const file = join(upstream, `cert-manager-v1.21.1-crd-${crdFiles[kind]}.yaml`);
    if (!existsSync(file)) throw new Error(`missing ${file}: run npm run upstream:refresh`);
    const crd = parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJSON()).find((d) => d?.kind === 'CustomResourceDefinition');
    const version = crd.spec.versions.find((v) => v.name === 'v1');
    const schema = strict(structuredClone(version.schema.openAPIV3Schema));
    // metadata is validated by the API server, not by the CRD schema.
    schema.properties.metadata = { type: 'object' };
    crdValidators[kind] = ajv.compile(schema);
  }
  return crdValidators[kind];
}

const objects = JSON.parse(readFileSync(0, 'utf8'));
const errors = [];
for (const object of objects) {
  const where = `${object.kind} ${object.metadata?.namespace ? object.metadata.namespace + '/' : ''}${object.metadata?.name}`;
  const Model = models[object.apiVersion]?.[object.kind];
  if (!Model) {
    errors.push(`${where}: no schema known for ${object.apiVersion} ${object.kind}`);
    continue;
  }
  try {
    new Model(object).validate();
  } catch (e) {
    errors.push(`${where}: ${e.message}`);
  }
  const validate = crdValidator(object.kind);
  if (validate && !validate(object)) {
    errors.push(`${where}: ${ajv.errorsText(validate.errors, { dataVar: object.kind })}`);
  }
}
if (errors.length) {
  console.error(errors.join('\n'));
  process.exit(1);
}
console.log(`${objects.length} objects valid`);
