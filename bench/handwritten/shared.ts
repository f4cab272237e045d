// What the three hand-written apps share: the cluster providers, the Helm releases' common values
// and the issuer stack. Plain cdktf with deep-path provider imports, no cdk8s, no library.
import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { Release, ReleaseConfig } from '@cdktf/provider-helm/lib/release';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { App, TerraformOutput, TerraformStack } from 'cdktf';


/** What is never destroyed by a plan: the zones and the Gitpod namespace. */
export const KEEP = { preventDestroy: true };
export const DOMAIN = 'gitpod.example.com';
export const EMAIL = 'platform-team@example.com';
/** The owner tag/label every cloud resource gets. */
export const TAGS = { 'app': 'gitpod', 'managed-by': 'cdk-gitpod-networking' };
export const ZONE_DESCRIPTION = 'Gitpod: records managed by external-dns and cert-manager';

export function clusterProviders(stack: TerraformStack, context: string): void {
  const kubernetes = { configPath: '~/.kube/config', configContext: context };
  new KubernetesProvider(stack, 'kubernetes', kubernetes);
  new HelmProvider(stack, 'helm', { kubernetes });
}

/** The zone's two outputs, named as `cdktf output` shows them. */
export function zoneOutputs(stack: TerraformStack, cloud: string, nameServers: string[], zoneId: string, domain = DOMAIN): void {
  new TerraformOutput(stack, 'zone_name_servers', { value: nameServers, description: `Name servers of the DNS zone ${domain}: delegate ${domain} to them.` });
  new TerraformOutput(stack, 'zone_zone_id', { value: zoneId, description: `The ${cloud} id of the DNS zone ${domain}.` });
}

/** Keeps DNS credentials off Gitpod's workspace nodes. */
const affinity = {
  nodeAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: {
      nodeSelectorTerms: [{
        matchExpressions: [
          { key: 'gitpod.io/workload_workspace_regular', operator: 'DoesNotExist' },
          { key: 'gitpod.io/workload_workspace_headless', operator: 'DoesNotExist' },
        ],
      }],
    },
  },
};

type Values = { [key: string]: any };
const JETSTACK = 'https://charts.jetstack.io';

/** A pinned chart's release, with the same options for every chart; `values` as JSON. */
function release(
  stack: TerraformStack, chart: string, namespace: string, repository: string, version: string, values: Values, config: Partial<ReleaseConfig> = {},
): Release {
  return new Release(stack, chart, {
    name: chart,
    chart,
    namespace,
    repository,
    version,
    createNamespace: true,
    atomic: true,
    cleanupOnFail: true,
    resetValues: true,
    wait: true,
    ...config,
    values: [JSON.stringify(values, null, 2)],
  });
}

/** cert-manager (with its CRDs) and trust-manager; `cloud` adds the identity's values. */
export function certManager(stack: TerraformStack, serviceAccount: Values, cloud: Values = {}, webhook: Values = {}): void {
  const certManagerRelease = release(stack, 'cert-manager', 'cert-manager', JETSTACK, 'v1.21.1', {
    crds: { enabled: true, keep: true },
    extraArgs: ['--dns01-recursive-nameservers-only', '--dns01-recursive-nameservers=8.8.8.8:53,1.1.1.1:53'],
    serviceAccount: { create: true, name: 'cert-manager', ...serviceAccount },
    affinity,
    webhook: { affinity, ...webhook },
    cainjector: { affinity },
    startupapicheck: { affinity },
    ...cloud,
  });
  release(stack, 'trust-manager', 'cert-manager', JETSTACK, 'v0.24.0', {
    app: { trust: { namespace: 'cert-manager' } },
    affinity,
  }, { dependsOn: [certManagerRelease] });
}

/** external-dns for the zone; `cloud` adds the provider's values. */
export function externalDns(stack: TerraformStack, serviceAccount: Values, cloud: Values, config: Partial<ReleaseConfig> = {}): void {
  release(stack, 'external-dns', 'external-dns', 'https://kubernetes-sigs.github.io/external-dns/', '1.21.1', {
    domainFilters: [DOMAIN],
    txtOwnerId: DOMAIN,
    policy: 'upsert-only',
    sources: ['service', 'ingress'],
    logFormat: 'json',
    serviceAccount: { create: true, name: 'external-dns', ...serviceAccount },
    affinity,
    ...cloud,
  }, config);
}

/**
 * Stack 2: the ClusterIssuer with the cloud's DNS-01 solver and the wildcard certificate the
 * installer reads, applied after stack 1 has installed cert-manager's CRDs.
 */
export function issuerStack(app: App, name: string, context: string, after: TerraformStack, dns01: Values): void {
  const stack = new TerraformStack(app, name);
  clusterProviders(stack, context);
  stack.addDependency(after);
  // The namespace survives a destroy and a GitOps prune; the deploy waits for the issuer, then the certificate.
  const namespace = new Manifest(stack, 'namespace', {
    lifecycle: KEEP,
    manifest: {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'gitpod', annotations: { 'kustomize.toolkit.fluxcd.io/prune': 'disabled', 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false' } },
    },
  });
  const ready = { wait: { condition: [{ type: 'Ready', status: 'True' }] }, timeouts: { create: '30m', update: '30m' } };
  const issuer = new Manifest(stack, 'cluster-issuer', {
    ...ready,
    dependsOn: [namespace],
    manifest: {
      apiVersion: 'cert-manager.io/v1',
      kind: 'ClusterIssuer',
      metadata: { name: 'gitpod-issuer' },
      spec: {
        acme: {
          email: EMAIL,
          server: 'https://acme-v02.api.letsencrypt.org/directory',
          privateKeySecretRef: { name: 'issuer-account-key' },
          solvers: [{ selector: { dnsZones: [DOMAIN] }, dns01 }],
        },
      },
    },
  });
  new Manifest(stack, 'certificate', {
    ...ready,
    dependsOn: [namespace, issuer],
    manifest: {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: 'https-certificates', namespace: 'gitpod' },
      spec: {
        secretName: 'https-certificates',
        secretTemplate: { labels: { app: 'gitpod' } },
        dnsNames: [DOMAIN, `*.${DOMAIN}`, `*.ws.${DOMAIN}`],
        issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: 'gitpod-issuer' },
      },
    },
  });
  new TerraformOutput(stack, 'issuer_installer_config', {
    description: 'Gitpod installer config fragment (domain, certificate). Merge it into gitpod.config.yaml, then: gitpod-installer render --config gitpod.config.yaml --namespace gitpod',
    value: [
      `# Gitpod installer config for ${DOMAIN}, from cdk-gitpod-networking.`,
      '# Merge into gitpod.config.yaml; render Gitpod into the namespace of the certificate:',
      '#   gitpod-installer render --config gitpod.config.yaml --namespace gitpod',
      `domain: ${DOMAIN}`,
      'certificate:',
      '  kind: secret',
      '  name: https-certificates',
      '',
    ].join('\n'),
  });
}
