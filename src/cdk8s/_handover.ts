// The hand-over from the cloud side to the cluster side: one Terraform output (`GitpodDnsIdentities`)
// that `cdktf deploy --outputs-file` writes, and `GitpodDnsZone.fromOutputsFile` reads back.
import { readFileSync, statSync } from 'fs';
import { GitpodExternalAccountBinding } from './gitpod-acme';
import { GitpodDnsZoneAttributes, GitpodOutputsFileOptions, GitpodWorkloadReference, IGitpodDnsZone } from './gitpod-dns-zone-ref';
import { cloudFromHandover } from '../dns/_registry';
import { DnsWorkload } from '../dns/gitpod-cloud';
import { GitpodDomain } from '../dns/gitpod-domain';
import { isMap } from '../internal/objects';
import { invalid, isUnresolved, requireString, validateDnsLabel, validateDnsName } from '../internal/validate';

/** The key that marks a hand-over object, and its format version. */
export const HANDOVER_MARKER = 'cdkGitpodNetworkingHandover';
export const HANDOVER_VERSION = 1;

/** The JSON shape of a hand-over (values may be Terraform tokens when written). */
export interface Handover {
  readonly [HANDOVER_MARKER]: number;
  readonly cloud: { readonly name: string; readonly props: { [key: string]: any } };
  readonly domain: string;
  readonly zoneName: string;
  readonly zoneId: string;
  readonly workloads: { [workload: string]: GitpodWorkloadReference };
  /** The ACME External Account Binding whose Secret Terraform created (GitpodExternalAccountKey). */
  readonly externalAccountBinding?: GitpodExternalAccountBinding;
}

/** A zone from literals; everything is validated as the cluster side will use it. */
export function zoneFromAttributes(property: string, attrs: GitpodDnsZoneAttributes): IGitpodDnsZone {
  if (!attrs || typeof attrs !== 'object') invalid(property, 'the zone attributes { cloud, domain, ... }', attrs);
  if (!attrs.cloud || typeof attrs.cloud.dns01Solver !== 'function') invalid(`${property}.cloud`, 'a DNS provider such as new GoogleCloudDns({...})', attrs.cloud);
  const domain = GitpodDomain.of(attrs.domain, `${property}.domain`);
  const zoneName = attrs.zoneName === undefined ? domain.name : validateDnsName(`${property}.zoneName`, attrs.zoneName);
  if (!domain.isWithin(zoneName)) invalid(`${property}.zoneName`, `the domain "${domain.name}" or one of its parent domains`, zoneName);
  const literal = (name: string, value: string | undefined) => {
    if (value === undefined) return undefined;
    requireString(`${property}.${name}`, value, 'a non-empty string');
    if (isUnresolved(value)) invalid(`${property}.${name}`, 'a literal value (read it from the outputs file)', 'a Terraform token');
    return value;
  };
  const workload = (name: string, ref: GitpodWorkloadReference | undefined): GitpodWorkloadReference | undefined => ref && {
    namespaceName: validateDnsLabel(`${property}.${name}.namespaceName`, ref.namespaceName),
    serviceAccountName: validateDnsLabel(`${property}.${name}.serviceAccountName`, ref.serviceAccountName),
    identity: literal(`${name}.identity`, ref.identity),
    credentialsSecretName: ref.credentialsSecretName === undefined ? undefined : validateDnsLabel(`${property}.${name}.credentialsSecretName`, ref.credentialsSecretName),
  };
  return {
    cloud: attrs.cloud,
    domain,
    zoneName,
    literalZoneId: literal('zoneId', attrs.zoneId),
    externalDns: workload('externalDns', attrs.externalDns),
    certManager: workload('certManager', attrs.certManager),
    externalAccountBinding: attrs.externalAccountBinding && {
      keyId: literal('externalAccountBinding.keyId', attrs.externalAccountBinding.keyId) ?? invalid(`${property}.externalAccountBinding.keyId`, 'the EAB key id', undefined),
      secretName: validateDnsLabel(`${property}.externalAccountBinding.secretName`, attrs.externalAccountBinding.secretName),
      secretKey: attrs.externalAccountBinding.secretKey,
    },
  };
}

/** Reads the hand-over that `cdktf deploy --outputs-file <file>` wrote. */
export function zoneFromOutputsFile(file: string, options: GitpodOutputsFileOptions = {}): IGitpodDnsZone {
  const property = 'GitpodDnsZone.fromOutputsFile';
  const hint = 'write it with `cdktf deploy <stack> --outputs-file <file>` (or `cdktf output <stack> --outputs-file <file>`) after deploying a stack with GitpodDnsIdentities';
  let text: string;
  try {
    if (!statSync(file).isFile()) invalid(`${property}(file)`, `a JSON file: ${hint}`, `${file} (a directory)`);
    text = readFileSync(file, 'utf8');
  } catch (e: any) {
    if (e?.code) invalid(`${property}(file)`, `a readable JSON file: ${hint}`, `${file} (${e.code})`);
    throw e;
  }
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    invalid(`${property}(file)`, `a JSON file: ${hint}`, `${file} (not JSON)`);
  }
  const found = findHandovers(json);
  const candidates = options.stackName === undefined ? found : found.filter((h) => h.stack === options.stackName);
  if (candidates.length !== 1) {
    const where = found.map((h) => `${h.stack}: ${h.path.join('.')}`).join('; ') || 'none';
    if (candidates.length === 0) {
      invalid(`${property}(file)`, `a file holding a GitpodDnsIdentities hand-over${options.stackName ? ` of stack "${options.stackName}"` : ''}: ${hint}`, `${file} (hand-overs found: ${where})`);
    }
    invalid(`${property}(options.stackName)`, `the stack of one of the hand-overs in ${file} (${where})`, options.stackName);
  }
  return zoneFromHandover(`${property}(${file}) ${candidates[0].path.join('.')}`, candidates[0].handover);
}

function findHandovers(json: any, path: string[] = []): Array<{ stack: string; path: string[]; handover: any }> {
  if (!isMap(json)) return [];
  if (HANDOVER_MARKER in json) return [{ stack: path[0], path, handover: json }];
  return Object.entries(json).flatMap(([key, value]) => findHandovers(value, [...path, key]));
}

function zoneFromHandover(property: string, handover: any): IGitpodDnsZone {
  if (handover[HANDOVER_MARKER] !== HANDOVER_VERSION) {
    invalid(`${property}.${HANDOVER_MARKER}`, `format version ${HANDOVER_VERSION} (upgrade cdk-gitpod-networking on the side that is older)`, handover[HANDOVER_MARKER]);
  }
  const field = (name: string, value: unknown) => {
    if (value === undefined || value === null) invalid(`${property}.${name}`, 'a value (is the outputs file from the current deploy?)', value);
    return value as any;
  };
  const cloud = field('cloud', handover.cloud);
  const workloads = field('workloads', handover.workloads);
  const ref = (workload: DnsWorkload) => workloads[workload] === undefined ? undefined : {
    namespaceName: field(`workloads.${workload}.namespaceName`, workloads[workload].namespaceName),
    serviceAccountName: field(`workloads.${workload}.serviceAccountName`, workloads[workload].serviceAccountName),
    identity: workloads[workload].identity ?? undefined,
    credentialsSecretName: workloads[workload].credentialsSecretName ?? undefined,
  };
  return zoneFromAttributes(property, {
    cloud: cloudFromHandover(`${property}.cloud.name`, field('cloud.name', cloud.name), cloud.props),
    domain: field('domain', handover.domain),
    zoneName: field('zoneName', handover.zoneName),
    zoneId: field('zoneId', handover.zoneId),
    externalDns: ref(DnsWorkload.EXTERNAL_DNS),
    certManager: ref(DnsWorkload.CERT_MANAGER),
    externalAccountBinding: handover.externalAccountBinding ?? undefined,
  });
}
