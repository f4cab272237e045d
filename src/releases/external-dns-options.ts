// How external-dns is installed: the options both install paths take (GitpodExternalDns on
// Terraform, GitpodGitOps on GitOps), beside the chart pins they refer to.
import { HelmChartRef } from './charts';
import { GitpodScheduling } from './gitpod-scheduling';

/** How external-dns treats records it owns (`--policy`). */
export enum ExternalDnsPolicy {
  /** Create and update records, never delete them (the chart's default). */
  UPSERT_ONLY = 'upsert-only',
  /** Also delete records whose source is gone. */
  SYNC = 'sync',
  /** Only create records. */
  CREATE_ONLY = 'create-only',
}

/** How external-dns is installed, on either path (Terraform or GitOps). */
export interface GitpodExternalDnsOptions {
  /**
   * Owner id written into external-dns's TXT registry records. Unique per installation, so two
   * clusters sharing a zone never overwrite each other's records.
   * @default - the Gitpod domain (shortened with a hash beyond 63 characters)
   */
  readonly txtOwnerId?: string;

  /**
   * Record policy. Set explicitly: newer external-dns releases have no default.
   * @default ExternalDnsPolicy.UPSERT_ONLY
   */
  readonly policy?: ExternalDnsPolicy;

  /**
   * Kubernetes sources to read hosts from (the names external-dns v0.21.0 knows). Gitpod's proxy
   * Service carries the `external-dns.alpha.kubernetes.io/hostname` annotation, which the
   * `service` source reads.
   * @default ['service', 'ingress']
   */
  readonly sources?: string[];

  /**
   * Only sources whose annotations match this selector (`--annotation-filter`), e.g. for a second
   * external-dns that serves a private zone (split horizon): `gitpod.io/dns=private`.
   * @default - every source
   */
  readonly annotationFilter?: string;

  /**
   * Where external-dns may run.
   * @default - off Gitpod's workspace nodes
   */
  readonly scheduling?: GitpodScheduling;

  /**
   * Create the chart's ServiceMonitor (prometheus-operator must be installed).
   * @default false
   */
  readonly serviceMonitor?: boolean;

  /**
   * Namespace of the release.
   * @default 'external-dns'
   */
  readonly namespaceName?: string;

  /**
   * Helm release name.
   * @default 'external-dns'
   */
  readonly releaseName?: string;

  /**
   * Name of external-dns's Kubernetes service account (the one the cloud identity trusts).
   * @default 'external-dns'
   */
  readonly serviceAccountName?: string;

  /**
   * The chart to install: an exact version from an https or OCI repository.
   * @default GitpodCharts.EXTERNAL_DNS
   */
  readonly chart?: HelmChartRef;

  /**
   * Extra chart values, deep-merged last (maps merge, lists are replaced), e.g.
   * `{ resources: { requests: { cpu: '50m' } } }`. With the pinned chart they are checked at synth
   * against its values schema and against the keys its templates read (its schema is open, so a
   * misspelt key would otherwise be ignored silently).
   * @default - none
   */
  readonly values?: { [key: string]: any };
}
