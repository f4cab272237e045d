// How cert-manager and trust-manager are installed: the options both install paths take
// (GitpodCertManager on Terraform, GitpodGitOps on GitOps), beside the chart pins they refer to.
import { HelmChartRef } from './charts';
import { GitpodScheduling } from './gitpod-scheduling';

/** How cert-manager (and trust-manager) are installed, on either path (Terraform or GitOps). */
export interface GitpodCertManagerOptions {
  /**
   * Resolvers cert-manager asks when it checks that a challenge record has propagated
   * (`host:port`). Public resolvers see a freshly delegated zone sooner than the cluster's DNS.
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
   * Install trust-manager (cert-manager's trust bundle distributor) with cert-manager's namespace
   * as its trust namespace. Gitpod installers since 2023-03 render trust-manager `Bundle`s
   * (`trust.cert-manager.io/v1alpha1`): without trust-manager the rendered Gitpod manifests do
   * not apply (no matches for kind "Bundle"). Turn it off only if trust-manager is installed
   * otherwise, with the same trust namespace.
   * @default true
   */
  readonly trustManager?: boolean;

  /**
   * The trust-manager chart.
   * @default GitpodCharts.TRUST_MANAGER
   */
  readonly trustManagerChart?: HelmChartRef;

  /**
   * Extra trust-manager chart values, deep-merged last and checked at synth like `values`.
   * @default - none
   */
  readonly trustManagerValues?: { [key: string]: any };

  /**
   * Let namespaced `Issuer`s use the cloud identity too (`--issuer-ambient-credentials`); needed
   * for `GitpodIssuer({ issuerKind: GitpodIssuerKind.ISSUER })` with keyless identities.
   * @default false
   */
  readonly issuerAmbientCredentials?: boolean;

  /**
   * Where every pod of cert-manager and trust-manager may run.
   * @default - off Gitpod's workspace nodes
   */
  readonly scheduling?: GitpodScheduling;

  /**
   * Run cert-manager's controller and cainjector with two replicas and the webhook with three,
   * trust-manager with two, each with a PodDisruptionBudget (the charts' own values).
   * @default false
   */
  readonly highAvailability?: boolean;

  /**
   * Create cert-manager's and trust-manager's ServiceMonitors (prometheus-operator must be
   * installed), for the certificate metrics `GitpodIssuer`'s alerts use.
   * @default false
   */
  readonly serviceMonitor?: boolean;

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
   * The chart to install: an exact version from an https or OCI repository.
   * @default GitpodCharts.CERT_MANAGER
   */
  readonly chart?: HelmChartRef;

  /**
   * Extra chart values, deep-merged last (maps merge, lists are replaced). With the pinned chart
   * they are checked at synth against its values schema (types, enums, unknown keys: the chart
   * rejects them at install) and against the keys its templates read.
   * @default - none
   */
  readonly values?: { [key: string]: any };
}
