import { Release } from '@cdktf/provider-helm/lib/release';
import { Construct } from 'constructs';
import { gitpodHelmRelease } from './_helm-release';
import { invalid, validateDnsLabel } from './_validate';
import { GitpodCharts, HelmChartRef } from './charts';
import { GitpodDnsZone } from './gitpod-dns-zone';

/** How external-dns treats records it owns (`--policy`). */
export enum ExternalDnsPolicy {
  /** Create and update records, never delete them (the chart's default). */
  UPSERT_ONLY = 'upsert-only',
  /** Also delete records whose source is gone. */
  SYNC = 'sync',
  /** Only create records. */
  CREATE_ONLY = 'create-only',
}

/** Properties of `GitpodExternalDns`. */
export interface GitpodExternalDnsProps {
  /** The zone external-dns manages records in. Its cloud configures the provider and identity. */
  readonly zone: GitpodDnsZone;

  /**
   * Owner id written into external-dns's TXT registry records. Unique per installation, so two
   * clusters sharing a zone never overwrite each other's records.
   * @default - the Gitpod domain
   */
  readonly txtOwnerId?: string;

  /**
   * Record policy. Set explicitly: newer external-dns releases have no default.
   * @default ExternalDnsPolicy.UPSERT_ONLY
   */
  readonly policy?: ExternalDnsPolicy;

  /**
   * Kubernetes sources to read hosts from. Gitpod's proxy Service carries the
   * `external-dns.alpha.kubernetes.io/hostname` annotation, which the `service` source reads.
   * @default ['service', 'ingress']
   */
  readonly sources?: string[];

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
   * The chart to install.
   * @default GitpodCharts.EXTERNAL_DNS
   */
  readonly chart?: HelmChartRef;

  /**
   * Extra chart values, deep-merged last (maps merge, lists are replaced), e.g.
   * `{ resources: { requests: { cpu: '50m' } } }`.
   * @default - none
   */
  readonly values?: { [key: string]: any };
}

/**
 * external-dns from the official kubernetes-sigs chart, limited to the Gitpod domain and bound to
 * its own cloud identity, so the records for `domain`, `*.domain` and `*.ws.domain` follow the
 * Gitpod proxy's load balancer.
 */
export class GitpodExternalDns extends Construct {
  /** The Helm release. */
  public readonly release: Release;
  /** The chart values rendered into the release. */
  public readonly values: { [key: string]: any };
  /** The namespace external-dns runs in. */
  public readonly namespaceName: string;
  /** external-dns's Kubernetes service account. */
  public readonly serviceAccountName: string;

  constructor(scope: Construct, id: string, props: GitpodExternalDnsProps) {
    super(scope, id);
    if (!props.zone) invalid('GitpodExternalDns.zone', 'a GitpodDnsZone', props.zone);
    const zone = props.zone;
    this.namespaceName = validateDnsLabel('GitpodExternalDns.namespaceName', props.namespaceName ?? 'external-dns');
    this.serviceAccountName = validateDnsLabel('GitpodExternalDns.serviceAccountName', props.serviceAccountName ?? 'external-dns');
    const txtOwnerId = props.txtOwnerId ?? zone.domain.name;
    if (!/^[A-Za-z0-9._-]{1,63}$/.test(txtOwnerId)) {
      invalid('GitpodExternalDns.txtOwnerId', 'up to 63 letters, digits, ".", "_" or "-"', txtOwnerId);
    }

    const workload = zone.cloud.bindExternalDns(this, {
      domain: zone.domain,
      zone: zone.attributes,
      namespaceName: this.namespaceName,
      serviceAccountName: this.serviceAccountName,
    });

    const { release, values } = gitpodHelmRelease(this, {
      releaseName: props.releaseName ?? 'external-dns',
      namespace: this.namespaceName,
      chart: props.chart ?? GitpodCharts.EXTERNAL_DNS,
      workload,
      values: [
        {
          // Only the Gitpod domain, whatever else the identity could reach.
          domainFilters: [zone.domain.name],
          txtOwnerId,
          policy: props.policy ?? ExternalDnsPolicy.UPSERT_ONLY,
          sources: props.sources ?? ['service', 'ingress'],
          logFormat: 'json',
          serviceAccount: { create: true, name: this.serviceAccountName },
        },
        workload.values,
        props.values,
      ],
    });
    this.release = release;
    this.values = values;
  }
}
