// The one interface behind which each cloud's DNS behaviour lives. The four constructs call only
// these methods and never ask which cloud they run on: a fourth cloud is one new class.
import { Construct } from 'constructs';
import { GitpodDomain } from '../domain';

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
}

/** A Kubernetes workload (external-dns or cert-manager) that needs rights on the zone. */
export interface DnsWorkloadRequest {
  /** The Gitpod domain. */
  readonly domain: GitpodDomain;
  /** The zone the workload changes. */
  readonly zone: DnsZoneAttributes;
  /** The workload's namespace. */
  readonly namespaceName: string;
  /** The workload's Kubernetes service account name. */
  readonly serviceAccountName: string;
}

/** A Secret the Helm release needs before it starts (credential files, provider config). */
export interface CredentialSecret {
  /** Secret name, in the workload's namespace. */
  readonly name: string;
  /** File name to content (plain text; Terraform keeps it in state as sensitive). */
  readonly data: { [key: string]: string };
}

/** What a cloud contributes to a workload's Helm release. */
export interface DnsWorkloadConfig {
  /** Chart values for this cloud (provider, service-account annotations, pod labels...). */
  readonly values: { [key: string]: any };
  /**
   * A Secret to create in the workload's namespace before the chart is installed.
   * @default - none
   */
  readonly secret?: CredentialSecret;
}

/** What `GitpodIssuer` asks a cloud for: the body of its ACME DNS-01 solver. */
export interface Dns01SolverRequest {
  /** The Gitpod domain. */
  readonly domain: GitpodDomain;
  /** The zone the solver writes `_acme-challenge` records into. */
  readonly zone: DnsZoneAttributes;
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
 * A cloud's DNS service: how the zone is created, which identities may change it and how
 * external-dns and cert-manager are configured to use it.
 *
 * Implementations: `GoogleCloudDns`, `AwsRoute53`, `AzureDns`.
 */
export interface IGitpodCloud {
  /** Short name of the cloud (`gcp`, `aws`, `azure`), used in names and messages. */
  readonly cloudName: string;

  /** Creates (or looks up) the zone in `scope` and returns its attributes. */
  bindZone(scope: Construct, request: DnsZoneRequest): DnsZoneAttributes;

  /** Creates external-dns's identity and rights in `scope`; returns its chart values. */
  bindExternalDns(scope: Construct, request: DnsWorkloadRequest): DnsWorkloadConfig;

  /** Creates cert-manager's DNS-01 identity and rights in `scope`; returns its chart values. */
  bindCertManager(scope: Construct, request: DnsWorkloadRequest): DnsWorkloadConfig;

  /**
   * The `dns01` solver body for this cloud (e.g. `{ cloudDNS: {...} }`). Every value must be
   * known at synth time: it is written into a manifest.
   */
  dns01Solver(request: Dns01SolverRequest): { [key: string]: any };

  /**
   * Annotations this cloud wants on Gitpod's proxy Service, for the installer config fragment
   * (Google Cloud: the standalone NEG annotation for ports 80 and 443). Return `{}` for none.
   */
  proxyServiceAnnotations(): { [key: string]: string };

  /** Creates one record per name pointing at the address (`A` or `AAAA`), in `scope`. */
  addAddressRecords(scope: Construct, request: AddressRecordsRequest): void;

  /** Creates the NS record set for the zone in its parent zone, in `scope`. */
  addDelegation(scope: Construct, request: DelegationRequest): void;
}
