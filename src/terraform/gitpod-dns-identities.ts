import type { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { Construct } from 'constructs';
import { createSecrets } from './_helm-release';
import { GitpodDnsZone } from './gitpod-dns-zone';
import { HANDOVER_MARKER, HANDOVER_VERSION } from '../cdk8s/_handover';
import { GitpodExternalAccountBinding } from '../cdk8s/gitpod-acme';
import { GitpodWorkloadReference } from '../cdk8s/gitpod-dns-zone-ref';
import { DnsWorkload } from '../dns/gitpod-cloud';
import { cdktf } from '../internal/lazy';
import { withoutUndefined } from '../internal/objects';
import { invalid, validateBoolean } from '../internal/validate';
import { workloadNames } from '../releases/_releases';

/** Where a workload will run: what its cloud identity trusts. */
export interface GitpodWorkloadNames {
  /**
   * The workload's namespace.
   * @default - the tool's name (`external-dns`, `cert-manager`)
   */
  readonly namespaceName?: string;
  /**
   * The workload's Kubernetes service account.
   * @default - the tool's name (`external-dns`, `cert-manager`)
   */
  readonly serviceAccountName?: string;
}

/** Properties of `GitpodDnsIdentities`. */
export interface GitpodDnsIdentitiesProps {
  /** The zone the identities may change. */
  readonly zone: GitpodDnsZone;
  /**
   * Where external-dns will run.
   * @default - namespace and service account `external-dns`
   */
  readonly externalDns?: GitpodWorkloadNames;
  /**
   * Where cert-manager will run.
   * @default - namespace and service account `cert-manager`
   */
  readonly certManager?: GitpodWorkloadNames;
  /**
   * Create external-dns's identity. Leave it out when records are created otherwise
   * (`GitpodDnsZone.loadBalancerAddress`).
   * @default true
   */
  readonly includeExternalDns?: boolean;
}

/**
 * The cloud side of a GitOps installation: the identities external-dns and cert-manager act as,
 * with their rights on the zone, and one Terraform output (`<id>`) holding everything the cluster
 * side needs. `cdktf deploy <stack> --outputs-file outputs.json` writes it; in the cdk8s app,
 * `GitpodDnsZone.fromOutputsFile('outputs.json')` reads it back, so nothing is copied by hand.
 *
 * A DNS provider whose workloads need a credential (a key or an API token) gets it as a Secret
 * that Terraform creates in the workload's namespace (the stack needs a Kubernetes provider), so
 * it is never written into the GitOps repository; the GitOps objects only name it.
 */
export class GitpodDnsIdentities extends Construct {
  /** The workloads as the cluster side sees them (identities may be Terraform tokens here). */
  public readonly workloads: { [workload: string]: GitpodWorkloadReference };
  /** An External Account Binding a GitpodExternalAccountKey added to the hand-over. */
  private externalAccountBinding?: GitpodExternalAccountBinding;

  constructor(scope: Construct, id: string, props: GitpodDnsIdentitiesProps) {
    super(scope, id);
    if (!(props?.zone instanceof GitpodDnsZone)) invalid('GitpodDnsIdentities.zone', 'a GitpodDnsZone', props?.zone);
    const zone = props.zone;
    const wanted: Array<[DnsWorkload, GitpodWorkloadNames | undefined]> = [[DnsWorkload.CERT_MANAGER, props.certManager]];
    if (validateBoolean('GitpodDnsIdentities.includeExternalDns', props.includeExternalDns, true)) wanted.unshift([DnsWorkload.EXTERNAL_DNS, props.externalDns]);
    else if (props.externalDns !== undefined) invalid('GitpodDnsIdentities.includeExternalDns', 'true (or unset) when externalDns is set', props.includeExternalDns);

    const workloads: { [workload: string]: any } = {};
    const handoverWorkloads: { [workload: string]: any } = {};
    for (const [workload, names] of wanted) {
      const property = `GitpodDnsIdentities.${workload === DnsWorkload.EXTERNAL_DNS ? 'externalDns' : 'certManager'}`;
      const { namespaceName, serviceAccountName } = workloadNames(property, workload, names);
      const scopeOf = new Construct(this, workload);
      const binding = zone.cloud.bindWorkload(scopeOf, { workload, domain: zone.domain, zone: zone.attributes, namespaceName, serviceAccountName });
      // The credential goes from Terraform straight into the cluster, never into git.
      if (binding.credentials) createSecrets(scopeOf, namespaceName, [binding.credentials]);
      workloads[workload] = { namespaceName, serviceAccountName, identity: binding.identity, credentialsSecretName: binding.credentials?.name };
      // Terraform owns a credential Secret and its namespace: the GitOps objects only name them.
      handoverWorkloads[workload] = withoutUndefined(workloads[workload]);
    }
    this.workloads = workloads;

    const { Lazy, TerraformOutput } = cdktf();
    new TerraformOutput(this, 'handover', {
      description: 'What the cluster side needs (GitpodDnsZone.fromOutputsFile reads it from `cdktf deploy --outputs-file`): the zone, the DNS provider and the workload identities. No credential.',
      value: {
        [HANDOVER_MARKER]: HANDOVER_VERSION,
        cloud: { name: zone.cloud.cloudName, props: zone.cloud.handoverProps() },
        domain: zone.domain.name,
        zoneName: zone.zoneName,
        // In the cloud's own terms (as `existingZoneId`): a managed zone name, a hosted zone id.
        zoneId: zone.literalZoneId ?? zone.attributes.zoneId,
        workloads: handoverWorkloads,
        // Added by a GitpodExternalAccountKey made after this construct, hence read at synth.
        externalAccountBinding: Lazy.anyValue({ produce: () => this.externalAccountBinding }),
      },
    }).overrideLogicalId(`${id}_handover`);
  }

  /**
   * The namespace Terraform created for a workload's credential Secret, if it did.
   * @internal
   */
  public _namespaceOf(workload: DnsWorkload): NamespaceV1 | undefined {
    return this.node.tryFindChild(workload)?.node.tryFindChild('namespace') as NamespaceV1 | undefined;
  }

  /**
   * Hands an External Account Binding over to the cluster side: GitpodGitOps's issuer takes it,
   * and leaves cert-manager's namespace, which holds its Secret, to Terraform.
   * @internal
   */
  public _handOver(binding: GitpodExternalAccountBinding): void {
    if (this.externalAccountBinding) invalid('GitpodExternalAccountKey.identities', 'identities without an external account key yet (one per installation)', this.node.path);
    this.externalAccountBinding = binding;
  }
}
