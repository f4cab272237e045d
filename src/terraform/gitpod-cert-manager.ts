import type { Release } from '@cdktf/provider-helm/lib/release';
import { Construct } from 'constructs';
import { helmRelease } from './_helm-release';
import { GitpodDnsZone } from './gitpod-dns-zone';
import { DnsWorkload } from '../dns/gitpod-cloud';
import { invalid } from '../internal/validate';
import { certManagerReleases, workloadNames } from '../releases/_releases';
import { GitpodCertManagerOptions } from '../releases/cert-manager-options';

/** Properties of `GitpodCertManager`. */
export interface GitpodCertManagerProps extends GitpodCertManagerOptions {
  /** The zone cert-manager answers DNS-01 challenges in. Its cloud configures the identity. */
  readonly zone: GitpodDnsZone;
}

/**
 * cert-manager from the jetstack chart, with its CRDs, the DNS-01 propagation flags of the
 * reference architecture and a cloud identity allowed to write challenge records in the zone;
 * and trust-manager, which Gitpod's installer needs for its CA bundles.
 */
export class GitpodCertManager extends Construct {
  /** The Helm release. */
  public readonly release: Release;
  /** The chart values rendered into the release. */
  public readonly values: { [key: string]: any };
  /**
   * The trust-manager Helm release, unless `trustManager` is false.
   * @default - none
   */
  public readonly trustManagerRelease?: Release;
  /** The namespace cert-manager runs in. */
  public readonly namespaceName: string;
  /** cert-manager's Kubernetes service account. */
  public readonly serviceAccountName: string;

  constructor(scope: Construct, id: string, props: GitpodCertManagerProps) {
    super(scope, id);
    if (!(props?.zone instanceof GitpodDnsZone)) invalid('GitpodCertManager.zone', 'a GitpodDnsZone', props?.zone);
    const zone = props.zone;
    const names = workloadNames('GitpodCertManager', DnsWorkload.CERT_MANAGER, props);
    const request = { workload: DnsWorkload.CERT_MANAGER, domain: zone.domain, ...names };

    const binding = zone.cloud.bindWorkload(this, { ...request, zone: zone.attributes });
    const [certManager, trustManager] = certManagerReleases('GitpodCertManager', props, zone.cloud.workloadValues({
      ...request, zoneName: zone.zoneName, zoneId: zone.attributes.zoneId, identity: binding.identity,
    }));

    this.release = helmRelease(this, certManager, [certManager.configSecret, binding.credentials]);
    this.values = certManager.values;
    if (trustManager) this.trustManagerRelease = helmRelease(new Construct(this, 'trust-manager'), trustManager, [], [this.release]);
    this.namespaceName = names.namespaceName;
    this.serviceAccountName = names.serviceAccountName;
  }
}
