// The one interface behind which each DNS provider's behaviour lives. The constructs call only
// these methods and never ask which cloud they run on: a new DNS provider is one new class.
//
// Two halves: the cloud side creates Terraform resources (it runs only in a cdktf app); the
// cluster side is pure, turns literals into chart values and solver bodies, and must not load
// cdktf or a provider package (it also runs in a plain cdk8s app, for GitOps).
import type { TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { GitpodDomain } from './gitpod-domain';

/** The two workloads that change DNS records. */
export enum DnsWorkload {
  /** external-dns: the address records of Gitpod's proxy Service. */
  EXTERNAL_DNS = 'external-dns',
  /** cert-manager: the `_acme-challenge` TXT records of the DNS-01 challenge. */
  CERT_MANAGER = 'cert-manager',
}

/** What `GitpodDnsZone` asks a cloud for: a zone that can hold the Gitpod records. */
export interface DnsZoneRequest {
  /** The Gitpod domain. */
  readonly domain: GitpodDomain;
  /** The zone's DNS name without the trailing dot: the domain itself or one of its parents. */
  readonly zoneName: string;
  /**
   * Use this existing zone instead of creating one. Its meaning is the cloud's: the Cloud DNS
   * managed zone name, the Route53 hosted zone id, the Azure DNS zone name.
   * @default - a new zone is created
   */
  readonly existingZoneId?: string;
}

/** A zone as the other constructs see it, whichever cloud holds it. */
export interface DnsZoneAttributes {
  /** The zone's DNS name without the trailing dot, e.g. `gitpod.example.com`. */
  readonly zoneName: string;
  /**
   * The cloud's id of the zone for use in Terraform (managed zone name, hosted zone id, Azure
   * resource id). May be a token resolved at apply time.
   */
  readonly zoneId: string;
  /**
   * The zone id when it is known at synth time, for the cluster-side manifests.
   * @default - only known after apply
   */
  readonly literalZoneId?: string;
  /** The name servers to delegate to (a Terraform list token). */
  readonly nameServers: string[];
  /**
   * The zone resource, when `bindZone` created one (not for an existing zone). `GitpodDnsZone`
   * protects it with `lifecycle.prevent_destroy`: return it for every zone you create.
   * @default - none: an existing zone, which Terraform only reads
   */
  readonly zoneResource?: TerraformResource;
}

/** A workload (external-dns or cert-manager) that needs rights on the zone, and where it runs. */
export interface DnsWorkloadRequest {
  /** Which workload. */
  readonly workload: DnsWorkload;
  /** The Gitpod domain. */
  readonly domain: GitpodDomain;
  /** The zone the workload changes. */
  readonly zone: DnsZoneAttributes;
  /** The workload's namespace. */
  readonly namespaceName: string;
  /** The workload's Kubernetes service account name. */
  readonly serviceAccountName: string;
}

/** A Secret a workload reads: its name in the workload's namespace and its files. */
export interface CredentialSecret {
  /** Secret name, in the workload's namespace. */
  readonly name: string;
  /** File name to content (plain text; Terraform keeps it in state as sensitive). */
  readonly data: { [key: string]: string };
}

/** What a cloud created for one workload on the cloud side. */
export interface DnsWorkloadBinding {
  /**
   * The cloud identity the workload's pods act as: a Google service account email, an IAM role
   * ARN, an Azure client id. A Terraform token on the cloud side.
   * @default - none: the workload uses node or pre-made credentials
   */
  readonly identity?: string;
  /**
   * A credential Secret the workload needs (a key or an API token). It is created by Terraform in
   * the workload's namespace and is never written into a manifest.
   * @default - none
   */
  readonly credentials?: CredentialSecret;
}

/** What `workloadValues` needs: literals on the GitOps path, Terraform tokens allowed on the cloud side. */
export interface DnsWorkloadValuesRequest {
  /** Which workload. */
  readonly workload: DnsWorkload;
  /** The Gitpod domain. */
  readonly domain: GitpodDomain;
  /** The zone's DNS name. */
  readonly zoneName: string;
  /**
   * The cloud's id of the zone.
   * @default - unknown (the workload finds the zone by name)
   */
  readonly zoneId?: string;
  /** The workload's namespace. */
  readonly namespaceName: string;
  /** The workload's Kubernetes service account name. */
  readonly serviceAccountName: string;
  /**
   * The cloud identity from `bindWorkload` (or from the hand-over output).
   * @default - none
   */
  readonly identity?: string;
}

/** The chart values a cloud contributes to a workload's Helm release. */
export interface DnsWorkloadConfig {
  /** Chart values for this cloud (provider, service-account annotations, pod labels...). */
  readonly values: { [key: string]: any };
  /**
   * A configuration Secret (no credential in it) to create in the workload's namespace before
   * the chart is installed, e.g. external-dns's `azure.json`.
   * @default - none
   */
  readonly secret?: CredentialSecret;
  /**
   * The name of the credential Secret the values mount (its content comes from `bindWorkload`).
   * @default - none
   */
  readonly credentialsSecretName?: string;
}

/** What `GitpodIssuer` asks a cloud for: the body of its ACME DNS-01 solver. */
export interface Dns01SolverRequest {
  /** The Gitpod domain. */
  readonly domain: GitpodDomain;
  /** The zone's DNS name. */
  readonly zoneName: string;
  /**
   * The zone id, when known at synth.
   * @default - unknown; the solver finds the zone by name
   */
  readonly zoneId?: string;
}

/** Records that point names at a load balancer, for installations without external-dns. */
export interface AddressRecordsRequest {
  /** The zone that holds the records. */
  readonly zone: DnsZoneAttributes;
  /** Fully qualified names without the trailing dot, wildcards included (`*.gitpod.example.com`). */
  readonly names: string[];
  /** The load balancer's IPv4 or IPv6 address. */
  readonly address: string;
  /** `A` for an IPv4 address, `AAAA` for IPv6. */
  readonly recordType: string;
  /** Record TTL in seconds. */
  readonly ttl: number;
}

/** An NS record set in a parent zone that delegates the Gitpod zone to its name servers. */
export interface DelegationRequest {
  /** The delegated (child) zone. */
  readonly zone: DnsZoneAttributes;
  /** The parent zone's id, in the cloud's terms (as `DnsZoneRequest.existingZoneId`). */
  readonly parentZoneId: string;
  /** Record TTL in seconds. */
  readonly ttl: number;
}

/**
 * A DNS provider: how the zone is created, which identities may change it, and how external-dns
 * and cert-manager are configured to use it.
 *
 * Implementations: `GoogleCloudDns`, `AwsRoute53`, `AzureDns`, `CloudflareDns`; a new DNS provider
 * is one more class implementing this interface.
 */
export interface IGitpodCloud {
  /** Short name of the DNS provider (`gcp`, `aws`, `azure`, `cloudflare`), used in names, messages and the hand-over. */
  readonly cloudName: string;

  /**
   * True if the zones of this provider are private (answered inside networks only). No public CA
   * can read a DNS-01 challenge there, so `GitpodIssuer` issues the certificate from the internal CA.
   * @default false
   */
  readonly privateZone?: boolean;

  // ---- Cloud side: creates Terraform resources in `scope`. ----

  /** Creates (or looks up) the zone in `scope` and returns its attributes. */
  bindZone(scope: Construct, request: DnsZoneRequest): DnsZoneAttributes;

  /** Creates the workload's identity and its rights on the zone in `scope`. */
  bindWorkload(scope: Construct, request: DnsWorkloadRequest): DnsWorkloadBinding;

  /** Creates one record per name pointing at the address (`A` or `AAAA`), in `scope`. */
  addAddressRecords(scope: Construct, request: AddressRecordsRequest): void;

  /** Creates the NS record set for the zone in its parent zone, in `scope`. */
  addDelegation(scope: Construct, request: DelegationRequest): void;

  // ---- Cluster side: pure, from literals (tokens only where the request allows them). ----

  /** The workload's chart values for this cloud. */
  workloadValues(request: DnsWorkloadValuesRequest): DnsWorkloadConfig;

  /**
   * The `dns01` solver body for this cloud (e.g. `{ cloudDNS: {...} }`). Every value must be
   * known at synth time: it is written into a manifest.
   */
  dns01Solver(request: Dns01SolverRequest): { [key: string]: any };

  /**
   * Annotations this cloud needs on Gitpod's proxy Service that the Gitpod installer does not set
   * itself (it already sets the external-dns hostname and the NEG annotation). `{}` for none.
   */
  proxyServiceAnnotations(): { [key: string]: string };

  /**
   * The props that re-create this cloud on the cluster side, written into the hand-over output
   * (`GitpodDnsIdentities`) and read back by `GitpodDnsZone.fromOutputsFile`.
   */
  handoverProps(): { [key: string]: any };
}
