import type { Release } from '@cdktf/provider-helm/lib/release';
import { Construct } from 'constructs';
import { helmRelease } from './_helm-release';
import { GitpodDnsZone } from './gitpod-dns-zone';
import { DnsWorkload } from '../dns/gitpod-cloud';
import { invalid } from '../internal/validate';
import { externalDnsRelease, workloadNames } from '../releases/_releases';
import { GitpodExternalDnsOptions } from '../releases/external-dns-options';

/** Properties of `GitpodExternalDns`. */
export interface GitpodExternalDnsProps extends GitpodExternalDnsOptions {
  /** The zone external-dns manages records in. Its cloud configures the provider and identity. */
  readonly zone: GitpodDnsZone;
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
    if (!(props?.zone instanceof GitpodDnsZone)) invalid('GitpodExternalDns.zone', 'a GitpodDnsZone', props?.zone);
    const zone = props.zone;
    const names = workloadNames('GitpodExternalDns', DnsWorkload.EXTERNAL_DNS, props);
    const request = { workload: DnsWorkload.EXTERNAL_DNS, domain: zone.domain, ...names };

    const binding = zone.cloud.bindWorkload(this, { ...request, zone: zone.attributes });
    const spec = externalDnsRelease('GitpodExternalDns', props, zone.domain, zone.cloud.workloadValues({
      ...request, zoneName: zone.zoneName, zoneId: zone.attributes.zoneId, identity: binding.identity,
    }));

    this.release = helmRelease(this, spec, [spec.configSecret, binding.credentials]);
    this.values = spec.values;
    this.namespaceName = names.namespaceName;
    this.serviceAccountName = names.serviceAccountName;
  }
}
