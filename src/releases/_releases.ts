// What each chart gets, built once for both install paths: the Terraform `helm_release`s
// (GitpodExternalDns, GitpodCertManager) and the GitOps objects (GitpodGitOps) install exactly
// these releases with exactly these values.
import { mergeValues } from './_merge';
import type { checkChartValues as CheckChartValues } from './_values-check';
import { GitpodCertManagerOptions } from './cert-manager-options';
import { GitpodCharts, HelmChartRef } from './charts';
import { ExternalDnsPolicy, GitpodExternalDnsOptions } from './external-dns-options';
import { GitpodScheduling, GitpodToleration } from './gitpod-scheduling';
import { CredentialSecret, DnsWorkload, DnsWorkloadConfig } from '../dns/gitpod-cloud';
import { GitpodDomain } from '../dns/gitpod-domain';
import { shortHash } from '../internal/hash';
import { withoutUndefined } from '../internal/objects';
import { invalid, NODE_HOST_PORTS, validateBoolean, validateDnsLabel, validateEnum, validateHostPort, validateInteger, validateLabels, validateList } from '../internal/validate';

/**
 * The values check, loaded only where `values` are given: most apps never pay for the schema
 * interpreter (measured by the bench: 0.6-0.9 ms and up to 250 KiB of heap).
 */
const checkChartValues: typeof CheckChartValues = (...args) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('./_values-check') as typeof import('./_values-check')).checkChartValues(...args);
};

/** One Helm release, as both install paths create it. */
export interface ReleaseSpec {
  readonly releaseName: string;
  readonly namespace: string;
  readonly chart: HelmChartRef;
  /** The merged values, in the order construct defaults, the cloud's values, the user's values. */
  readonly values: { [key: string]: any };
  /** A configuration Secret (no credential) the pods mount, created before the release. */
  readonly configSecret?: CredentialSecret;
  /** A release that must be installed first (by name, in the same list). */
  readonly after?: string;
}

/** The namespace and service account a workload runs under: the given names, validated, or the tool's name. */
export function workloadNames(property: string, workload: DnsWorkload, names: { namespaceName?: string; serviceAccountName?: string } = {}) {
  return {
    namespaceName: validateDnsLabel(`${property}.namespaceName`, names.namespaceName ?? workload),
    serviceAccountName: validateDnsLabel(`${property}.serviceAccountName`, names.serviceAccountName ?? workload),
  };
}

/**
 * The sources external-dns v0.21.0 accepts (`allowedSources` in
 * kubernetes-sigs/external-dns:pkg/apis/externaldns/types.go@v0.21.0).
 */
const EXTERNAL_DNS_SOURCES = [
  'service', 'ingress', 'node', 'pod', 'gateway-httproute', 'gateway-grpcroute', 'gateway-tlsroute',
  'gateway-tcproute', 'gateway-udproute', 'istio-gateway', 'istio-virtualservice', 'contour-httpproxy',
  'gloo-proxy', 'fake', 'connector', 'crd', 'empty', 'skipper-routegroup', 'openshift-route',
  'ambassador-host', 'kong-tcpingress', 'f5-virtualserver', 'f5-transportserver', 'traefik-proxy', 'unstructured',
];

export function externalDnsRelease(
  construct: string, options: GitpodExternalDnsOptions, domain: GitpodDomain, cloud: DnsWorkloadConfig,
): ReleaseSpec {
  const names = workloadNames(construct, DnsWorkload.EXTERNAL_DNS, options);
  // The default owner id is the domain; a domain too long for it gets a readable, unique stand-in.
  const txtOwnerId = options.txtOwnerId ?? (domain.name.length <= 63 ? domain.name : `${domain.name.slice(0, 56).replace(/[.-]+$/, '')}-${shortHash(domain.name)}`);
  if (typeof txtOwnerId !== 'string' || !/^[A-Za-z0-9._-]{1,63}$/.test(txtOwnerId)) {
    invalid(`${construct}.txtOwnerId`, 'up to 63 letters, digits, ".", "_" or "-"', txtOwnerId);
  }
  const policy = validateEnum(`${construct}.policy`, options.policy, ExternalDnsPolicy, 'ExternalDnsPolicy', ExternalDnsPolicy.UPSERT_ONLY);
  const sources = options.sources ?? ['service', 'ingress'];
  const known = Array.isArray(sources) && sources.every((s) => EXTERNAL_DNS_SOURCES.includes(s));
  if (!known || sources.length === 0 || new Set(sources).size !== sources.length) {
    invalid(`${construct}.sources`, `one or more distinct sources external-dns ${GitpodCharts.EXTERNAL_DNS.version} knows (${EXTERNAL_DNS_SOURCES.join(', ')})`, sources);
  }
  const chart = validateChartRef(`${construct}.chart`, options.chart ?? GitpodCharts.EXTERNAL_DNS);
  const annotationFilter = options.annotationFilter;
  if (annotationFilter !== undefined && (typeof annotationFilter !== 'string' || !/^\S+$/.test(annotationFilter))) {
    invalid(`${construct}.annotationFilter`, 'a label selector over annotations, such as "gitpod.io/dns=private"', annotationFilter);
  }
  const values = mergeValues(
    {
      // Only the Gitpod domain, whatever else the identity could reach.
      domainFilters: [domain.name],
      txtOwnerId,
      // Set explicitly: external-dns v0.22 has no default policy any more.
      policy,
      sources,
      logFormat: 'json',
      serviceAccount: { create: true, name: names.serviceAccountName },
      ...(annotationFilter !== undefined ? { annotationFilter } : {}),
      ...schedulingValues(`${construct}.scheduling`, options.scheduling).pod,
      ...(validateBoolean(`${construct}.serviceMonitor`, options.serviceMonitor, false) ? { serviceMonitor: { enabled: true } } : {}),
    },
    cloud.values,
    options.values,
  );
  if (options.values !== undefined) checkChartValues(`${construct}.values`, chart, options.values, values);
  return {
    releaseName: validateReleaseName(`${construct}.releaseName`, options.releaseName ?? 'external-dns'),
    namespace: names.namespaceName,
    chart,
    values,
    configSecret: cloud.secret,
  };
}

/** cert-manager, and trust-manager after it unless turned off. */
export function certManagerReleases(construct: string, options: GitpodCertManagerOptions, cloud: DnsWorkloadConfig): ReleaseSpec[] {
  const names = workloadNames(construct, DnsWorkload.CERT_MANAGER, options);
  const nameservers = validateList(`${construct}.recursiveNameservers`, options.recursiveNameservers ?? ['8.8.8.8:53', '1.1.1.1:53'],
    'one or more "host:port" entries such as "8.8.8.8:53"', validateHostPort);
  const extraArgs = [`--dns01-recursive-nameservers=${nameservers.join(',')}`];
  if (validateBoolean(`${construct}.recursiveNameserversOnly`, options.recursiveNameserversOnly, true)) extraArgs.unshift('--dns01-recursive-nameservers-only');
  if (validateBoolean(`${construct}.issuerAmbientCredentials`, options.issuerAmbientCredentials, false)) extraArgs.push('--issuer-ambient-credentials');

  const chart = validateChartRef(`${construct}.chart`, options.chart ?? GitpodCharts.CERT_MANAGER);
  const scheduling = schedulingValues(`${construct}.scheduling`, options.scheduling);
  const highAvailability = validateBoolean(`${construct}.highAvailability`, options.highAvailability, false);
  const serviceMonitor = validateBoolean(`${construct}.serviceMonitor`, options.serviceMonitor, false);
  // Two replicas and a disruption budget keep issuing (controller, cainjector) and admission
  // (webhook: three, as cert-manager's docs advise) through node drains.
  const ha = (replicas: number) => (highAvailability ? { replicaCount: replicas, podDisruptionBudget: { enabled: true, minAvailable: 1 } } : {});
  const values = mergeValues(
    {
      // `installCRDs` is deprecated since v1.15 and fails together with `crds.enabled`.
      crds: { enabled: true, keep: true },
      extraArgs,
      serviceAccount: { create: true, name: names.serviceAccountName },
      // The controller's scheduling values; the other components take theirs under their keys.
      ...scheduling.component,
      ...ha(2),
      webhook: { ...scheduling.component, ...ha(3) },
      cainjector: { ...scheduling.component, ...ha(2) },
      startupapicheck: { ...scheduling.component },
      ...(scheduling.priorityClassName ? { global: { priorityClassName: scheduling.priorityClassName } } : {}),
      ...(serviceMonitor ? { prometheus: { enabled: true, servicemonitor: { enabled: true } } } : {}),
    },
    cloud.values,
    options.values,
  );
  if (options.values !== undefined) checkChartValues(`${construct}.values`, chart, options.values, values);
  // The chart's `cert-manager.crd-check` helper fails the render when both are set.
  if (values.installCRDs === true && values.crds?.enabled === true) {
    invalid(`${construct}.values.installCRDs`, 'unset: it is deprecated since cert-manager v1.15, and the chart refuses it together with crds.enabled (set here)', true);
  }
  const webhook = values.webhook ?? {};
  // The chart's default webhook port is the kubelet's.
  const webhookPort = webhook.securePort ?? 10250;
  if (webhook.hostNetwork === true && NODE_HOST_PORTS[webhookPort]) {
    invalid(`${construct}: webhook.securePort`, `a port the webhook can take in the host network, not ${NODE_HOST_PORTS[webhookPort]}`, webhookPort);
  }
  const releaseName = validateReleaseName(`${construct}.releaseName`, options.releaseName ?? 'cert-manager');
  const releases: ReleaseSpec[] = [{ releaseName, namespace: names.namespaceName, chart, values, configSecret: cloud.secret }];

  // Gitpod installers since 2023-03 render trust-manager Bundles; without trust-manager
  // `gitpod-installer render` output fails to apply.
  if (validateBoolean(`${construct}.trustManager`, options.trustManager, true)) {
    const trustChart = validateChartRef(`${construct}.trustManagerChart`, options.trustManagerChart ?? GitpodCharts.TRUST_MANAGER);
    // Gitpod puts its CA into cert-manager's namespace: trust-manager's trust namespace.
    const trustValues = mergeValues(
      {
        app: {
          trust: { namespace: names.namespaceName },
          ...(serviceMonitor ? { metrics: { service: { servicemonitor: { enabled: true } } } } : {}),
        },
        ...scheduling.pod,
        ...ha(2),
      },
      options.trustManagerValues,
    );
    if (options.trustManagerValues !== undefined) checkChartValues(`${construct}.trustManagerValues`, trustChart, options.trustManagerValues, trustValues);
    // trust-manager's webhook certificate is a cert-manager Certificate: cert-manager goes first.
    releases.push({ releaseName: 'trust-manager', namespace: names.namespaceName, chart: trustChart, values: trustValues, after: releaseName });
  } else if (options.trustManagerChart !== undefined || options.trustManagerValues !== undefined) {
    invalid(`${construct}.trustManager`, 'true (or unset) when trustManagerChart or trustManagerValues is set', options.trustManager);
  }
  return releases;
}

/**
 * The Gitpod installer's node labels (gitpod-io/gitpod:install/installer/pkg/cluster/affinity.go,
 * AffinityLabelWorkspacesRegular, AffinityLabelWorkspacesHeadless, AffinityLabelMeta).
 */
export const WORKSPACE_NODE_LABELS = ['gitpod.io/workload_workspace_regular', 'gitpod.io/workload_workspace_headless'];
const META_NODE_LABEL = 'gitpod.io/workload_meta';

/**
 * The scheduling values of a pod: `component` for a chart that takes the priority class elsewhere
 * (cert-manager: `global.priorityClassName`), `pod` with it.
 */
function schedulingValues(property: string, scheduling: GitpodScheduling = {}) {
  if (typeof scheduling !== 'object' || scheduling === null) invalid(property, 'scheduling settings { avoidWorkspaceNodes, metaNodesOnly, ... }', scheduling);
  const expressions = [
    ...(validateBoolean(`${property}.avoidWorkspaceNodes`, scheduling.avoidWorkspaceNodes, true) ? WORKSPACE_NODE_LABELS.map((key) => ({ key, operator: 'DoesNotExist' })) : []),
    ...(validateBoolean(`${property}.metaNodesOnly`, scheduling.metaNodesOnly, false) ? [{ key: META_NODE_LABEL, operator: 'Exists' }] : []),
  ];
  const nodeSelector = scheduling.nodeSelector === undefined ? undefined : validateLabels(`${property}.nodeSelector`, scheduling.nodeSelector);
  const tolerations = scheduling.tolerations?.map((t, i) => validateToleration(`${property}.tolerations[${i}]`, t));
  const priorityClassName = scheduling.priorityClassName === undefined ? undefined
    : validateDnsLabel(`${property}.priorityClassName`, scheduling.priorityClassName);
  const component = {
    ...(expressions.length > 0 ? { affinity: requiredNodeAffinity(expressions) } : {}),
    ...(nodeSelector ? { nodeSelector } : {}),
    ...(tolerations ? { tolerations } : {}),
  };
  return { component, pod: { ...component, ...(priorityClassName ? { priorityClassName } : {}) }, priorityClassName };
}

function requiredNodeAffinity(matchExpressions: Array<{ key: string; operator: string }>) {
  return { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions }] } } };
}

/** A toleration as the pod spec takes it. */
function validateToleration(property: string, t: GitpodToleration): { [key: string]: any } {
  if (!t || typeof t !== 'object') invalid(property, 'a toleration { key, tolerationOperator, value, effect }', t);
  const operator = t.tolerationOperator;
  if (operator !== undefined && !['Exists', 'Equal'].includes(operator)) invalid(`${property}.tolerationOperator`, '"Exists" or "Equal"', operator);
  if (t.effect !== undefined && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(t.effect)) {
    invalid(`${property}.effect`, '"NoSchedule", "PreferNoSchedule" or "NoExecute"', t.effect);
  }
  if (operator === 'Exists' && t.value !== undefined) invalid(`${property}.value`, 'no value with tolerationOperator "Exists"', t.value);
  if (t.key === undefined && operator !== 'Exists') invalid(`${property}.key`, 'a taint key (or tolerationOperator "Exists" to tolerate every taint)', t.key);
  if (t.tolerationSeconds !== undefined) validateInteger(`${property}.tolerationSeconds`, t.tolerationSeconds, 0, 2 ** 31 - 1, 'seconds', 0);
  return withoutUndefined({ key: t.key, operator, value: t.value, effect: t.effect, tolerationSeconds: t.tolerationSeconds });
}

/** A chart reference Helm can install reproducibly: an exact version from an https or OCI repository. */
export function validateChartRef(property: string, ref: HelmChartRef): HelmChartRef {
  if (!ref || typeof ref !== 'object') invalid(property, 'a chart reference { repository, chart, version }', ref);
  if (typeof ref.repository !== 'string' || !/^(https|oci):\/\/[^\s/]+(\/[^\s]*)?$/.test(ref.repository)) {
    invalid(`${property}.repository`, 'an https:// or oci:// repository URL such as "https://charts.jetstack.io"', ref.repository);
  }
  if (typeof ref.chart !== 'string' || !/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(ref.chart)) {
    invalid(`${property}.chart`, 'a chart name: lower-case letters, digits and "-"', ref.chart);
  }
  if (typeof ref.version !== 'string' || !/^v?(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(ref.version)) {
    invalid(`${property}.version`, 'an exact chart version such as "1.21.1" or "v1.21.1" (no range, no "latest"), so every deploy installs the same chart', ref.version);
  }
  return ref;
}

/** A Helm release name: what `helm install` accepts (a DNS-1123 subdomain of at most 53 characters). */
export function validateReleaseName(property: string, name: string): string {
  if (typeof name !== 'string' || name.length > 53 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(name)) {
    invalid(property, 'a Helm release name: at most 53 lower-case letters, digits, "-" or "."', name);
  }
  return name;
}

