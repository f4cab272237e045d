import { Release } from '@cdktf/provider-helm/lib/release';
import { Construct } from 'constructs';
import { gitpodHelmRelease } from './_helm-release';
import { invalid, validateDnsLabel } from './_validate';
import { GitpodCharts, HelmChartRef } from './charts';
import { GitpodDnsZone } from './gitpod-dns-zone';

/** Properties of `GitpodCertManager`. */
export interface GitpodCertManagerProps {
  /** The zone cert-manager answers DNS-01 challenges in. Its cloud configures the identity. */
  readonly zone: GitpodDnsZone;

  /**
   * Resolvers cert-manager asks when it checks that a challenge record has propagated. Public
   * resolvers see a freshly delegated zone sooner than the cluster's DNS does.
   * @default ['8.8.8.8:53', '1.1.1.1:53']
   */
  readonly recursiveNameservers?: string[];

  /**
   * Use only `recursiveNameservers` for the propagation check
   * (`--dns01-recursive-nameservers-only`).
   * @default true
   */
  readonly recursiveNameserversOnly?: boolean;

  /**
   * Also install trust-manager (cert-manager's trust bundle distributor) with its trust namespace
   * set to cert-manager's namespace. Gitpod installers since 2023-03 render trust-manager `Bundle`s.
   * @default false
   */
  readonly trustManager?: boolean;

  /**
   * The trust-manager chart, when `trustManager` is set.
   * @default GitpodCharts.TRUST_MANAGER
   */
  readonly trustManagerChart?: HelmChartRef;

  /**
   * Let namespaced `Issuer`s use the cloud identity too (`--issuer-ambient-credentials`); needed
   * for `GitpodIssuer({ issuerKind: GitpodIssuerKind.ISSUER })` with keyless identities.
   * @default false
   */
  readonly issuerAmbientCredentials?: boolean;

  /**
   * Namespace of the release. Keep `cert-manager`: Gitpod puts its own CA certificate there.
   * @default 'cert-manager'
   */
  readonly namespaceName?: string;

  /**
   * Helm release name.
   * @default 'cert-manager'
   */
  readonly releaseName?: string;

  /**
   * Name of cert-manager's Kubernetes service account (the one the cloud identity trusts).
   * @default 'cert-manager'
   */
  readonly serviceAccountName?: string;

  /**
   * The chart to install.
   * @default GitpodCharts.CERT_MANAGER
   */
  readonly chart?: HelmChartRef;

  /**
   * Extra chart values, deep-merged last (maps merge, lists are replaced). The cert-manager chart
   * rejects unknown keys, so top-level keys are checked at synth.
   * @default - none
   */
  readonly values?: { [key: string]: any };
}

/**
 * cert-manager from the jetstack chart, with its CRDs, the DNS-01 propagation flags of the
 * reference architecture and a cloud identity allowed to write challenge records in the zone.
 */
export class GitpodCertManager extends Construct {
  /** The Helm release. */
  public readonly release: Release;
  /** The chart values rendered into the release. */
  public readonly values: { [key: string]: any };
  /**
   * The trust-manager Helm release, when `trustManager` is set.
   * @default - none
   */
  public readonly trustManagerRelease?: Release;
  /** The namespace cert-manager runs in. */
  public readonly namespaceName: string;
  /** cert-manager's Kubernetes service account. */
  public readonly serviceAccountName: string;

  constructor(scope: Construct, id: string, props: GitpodCertManagerProps) {
    super(scope, id);
    if (!props.zone) invalid('GitpodCertManager.zone', 'a GitpodDnsZone', props.zone);
    const zone = props.zone;
    this.namespaceName = validateDnsLabel('GitpodCertManager.namespaceName', props.namespaceName ?? 'cert-manager');
    this.serviceAccountName = validateDnsLabel('GitpodCertManager.serviceAccountName', props.serviceAccountName ?? 'cert-manager');
    const nameservers = props.recursiveNameservers ?? ['8.8.8.8:53', '1.1.1.1:53'];
    if (nameservers.length === 0 || !nameservers.every((n) => /^([0-9.]+|\[[0-9a-fA-F:]+\]|[a-z0-9.-]+):[0-9]{1,5}$/.test(n))) {
      invalid('GitpodCertManager.recursiveNameservers', 'one or more "host:port" entries such as "8.8.8.8:53"', nameservers.join(','));
    }
    for (const key of Object.keys(props.values ?? {})) {
      if (!CERT_MANAGER_VALUE_KEYS.has(key)) {
        invalid('GitpodCertManager.values', `only keys the cert-manager chart accepts (its schema rejects others; see ${GitpodCharts.CERT_MANAGER.version} values.yaml)`, key);
      }
    }

    const workload = zone.cloud.bindCertManager(this, {
      domain: zone.domain,
      zone: zone.attributes,
      namespaceName: this.namespaceName,
      serviceAccountName: this.serviceAccountName,
    });

    const extraArgs = [`--dns01-recursive-nameservers=${nameservers.join(',')}`];
    if (props.recursiveNameserversOnly ?? true) extraArgs.unshift('--dns01-recursive-nameservers-only');
    if (props.issuerAmbientCredentials) extraArgs.push('--issuer-ambient-credentials');

    const { release, values } = gitpodHelmRelease(this, {
      releaseName: props.releaseName ?? 'cert-manager',
      namespace: this.namespaceName,
      chart: props.chart ?? GitpodCharts.CERT_MANAGER,
      workload,
      values: [
        {
          // `installCRDs` is deprecated since v1.15 and fails together with `crds.enabled`.
          crds: { enabled: true, keep: true },
          extraArgs,
          serviceAccount: { create: true, name: this.serviceAccountName },
        },
        workload.values,
        props.values,
      ],
    });
    this.release = release;
    this.values = values;

    if (props.trustManager) {
      // trust-manager's webhook certificate is a cert-manager Certificate: cert-manager goes first.
      this.trustManagerRelease = gitpodHelmRelease(new Construct(this, 'trust-manager'), {
        releaseName: 'trust-manager',
        namespace: this.namespaceName,
        chart: props.trustManagerChart ?? GitpodCharts.TRUST_MANAGER,
        workload: { values: {} },
        values: [{ app: { trust: { namespace: this.namespaceName } } }],
        dependsOn: [release],
      }).release;
    }
  }
}

/** Top-level keys of the cert-manager chart's closed values schema (v1.21.1). */
const CERT_MANAGER_VALUE_KEYS = new Set([
  'acmesolver', 'affinity', 'approveSignerNames', 'automountServiceAccountToken', 'cainjector',
  'clusterResourceNamespace', 'config', 'containerSecurityContext', 'crds', 'creator',
  'deploymentAnnotations', 'disableAutoApproval', 'dns01RecursiveNameservers',
  'dns01RecursiveNameserversOnly', 'enableCertificateOwnerRef', 'enableServiceLinks', 'enabled',
  'extraArgs', 'extraContainers', 'extraEnv', 'extraObjects', 'featureGates', 'fullnameOverride',
  'global', 'hostAliases', 'http_proxy', 'https_proxy', 'image', 'imageNamespace', 'imageRegistry',
  'ingressShim', 'livenessProbe', 'maxConcurrentChallenges', 'nameOverride', 'namespace',
  'networkPolicy', 'no_proxy', 'nodeSelector', 'podAnnotations', 'podDisruptionBudget',
  'podDnsConfig', 'podDnsPolicy', 'podLabels', 'prometheus', 'replicaCount', 'resources',
  'runtimeClassName', 'securityContext', 'serviceAccount', 'serviceAnnotations', 'serviceIPFamilies',
  'serviceIPFamilyPolicy', 'serviceLabels', 'startupapicheck', 'strategy', 'tolerations',
  'topologySpreadConstraints', 'volumeMounts', 'volumes', 'webhook',
]);
