// What the cluster side (GitpodIssuer, GitpodGitOps) needs to know about a zone: literals only.
// Implemented by GitpodDnsZone (cdktf) and by the references from `GitpodDnsZone.fromAttributes`
// and `GitpodDnsZone.fromOutputsFile` (no Terraform: this file loads neither cdktf nor a provider).
import { GitpodExternalAccountBinding } from './gitpod-acme';
import { IGitpodCloud } from '../dns/gitpod-cloud';
import { GitpodDomain } from '../dns/gitpod-domain';

/** Where a workload runs and the cloud identity it acts as. */
export interface GitpodWorkloadReference {
  /** The workload's namespace. */
  readonly namespaceName: string;
  /** The workload's Kubernetes service account. */
  readonly serviceAccountName: string;
  /**
   * The cloud identity the workload's pods act as, as a literal: a Google service account email,
   * an IAM role ARN, an Azure client id.
   * @default - none (node credentials, pre-made service accounts or a credential Secret)
   */
  readonly identity?: string;
  /**
   * A Secret holding the workload's credential (a key or an API token) that the cloud side
   * created in the namespace. The namespace is then the cloud side's too: GitOps does not create it.
   * @default - none
   */
  readonly credentialsSecretName?: string;
}

/** A Gitpod DNS zone as the cluster side sees it. */
export interface IGitpodDnsZone {
  /** The DNS provider that holds the zone. */
  readonly cloud: IGitpodCloud;
  /** The Gitpod domain. */
  readonly domain: GitpodDomain;
  /** The zone's DNS name without the trailing dot. */
  readonly zoneName: string;
  /**
   * The zone's id, when known at synth time.
   * @default - unknown: the tools find the zone by name
   */
  readonly literalZoneId?: string;
  /**
   * external-dns's identity, as the cloud side created it (from the hand-over output).
   * @default - unknown
   */
  readonly externalDns?: GitpodWorkloadReference;
  /**
   * cert-manager's identity, as the cloud side created it (from the hand-over output).
   * @default - unknown
   */
  readonly certManager?: GitpodWorkloadReference;
  /**
   * The ACME External Account Binding the cloud side created (`GitpodExternalAccountKey`): its
   * Secret is in cert-manager's namespace, which is then the cloud side's.
   * @default - none
   */
  readonly externalAccountBinding?: GitpodExternalAccountBinding;
}

/** A zone described by literals, for `GitpodDnsZone.fromAttributes`. */
export interface GitpodDnsZoneAttributes {
  /** The DNS provider that holds the zone, e.g. `new GoogleCloudDns({ project })`. */
  readonly cloud: IGitpodCloud;
  /**
   * The Gitpod domain.
   * @example 'gitpod.example.com'
   */
  readonly domain: string;
  /**
   * The zone's DNS name: the domain or one of its parents.
   * @default - the domain
   */
  readonly zoneName?: string;
  /**
   * The zone's id (the Cloud DNS managed zone name, the Route53 hosted zone id, the Azure DNS
   * zone name).
   * @default - unknown: the tools find the zone by name
   */
  readonly zoneId?: string;
  /**
   * external-dns's namespace, service account and cloud identity.
   * @default - unknown
   */
  readonly externalDns?: GitpodWorkloadReference;
  /**
   * cert-manager's namespace, service account and cloud identity.
   * @default - unknown
   */
  readonly certManager?: GitpodWorkloadReference;
  /**
   * An ACME External Account Binding whose Secret the cloud side created in cert-manager's namespace.
   * @default - none
   */
  readonly externalAccountBinding?: GitpodExternalAccountBinding;
}

/** Which hand-over to read from a `cdktf deploy --outputs-file` file. */
export interface GitpodOutputsFileOptions {
  /**
   * The stack that holds the `GitpodDnsIdentities`; needed when the file holds several hand-overs.
   * @default - the only hand-over in the file
   */
  readonly stackName?: string;
}
