import { isIPv4, isIPv6 } from 'net';
import type { TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { preventDestroy as protect } from './_lifecycle';
import { zoneFromAttributes, zoneFromOutputsFile } from '../cdk8s/_handover';
import { GitpodDnsZoneAttributes, GitpodOutputsFileOptions, IGitpodDnsZone } from '../cdk8s/gitpod-dns-zone-ref';
import { DnsZoneAttributes, IGitpodCloud } from '../dns/gitpod-cloud';
import { GitpodDomain } from '../dns/gitpod-domain';
import { cdktf } from '../internal/lazy';
import { invalid, requireString, validateBoolean, validateDnsName, validateInteger } from '../internal/validate';

/** Properties of a `GitpodDnsZone`. */
export interface GitpodDnsZoneProps {
  /**
   * The DNS provider that holds the zone.
   * @example new GoogleCloudDns({ project: 'my-project' })
   */
  readonly cloud: IGitpodCloud;

  /**
   * The Gitpod domain. Records and the certificate cover `domain`, `*.domain` and `*.ws.domain`.
   * @example 'gitpod.example.com'
   */
  readonly domain: string;

  /**
   * The zone's DNS name: the domain itself or one of its parents (the reference's Azure example
   * hosts `gitpod.svcs.example.com` in zone `svcs.example.com`).
   * @default - the domain
   */
  readonly zoneName?: string;

  /**
   * Use an existing zone instead of creating one: the Cloud DNS managed zone name, the Route53
   * hosted zone id, or the Azure DNS zone name (in the cloud's resource group).
   * @default - a new zone is created
   */
  readonly existingZoneId?: string;

  /**
   * Without external-dns: create `A` (or `AAAA`) records for `domain`, `*.domain` and
   * `*.ws.domain` pointing at this load balancer address (Gitpod's proxy Service).
   * @default - no records; external-dns creates them
   */
  readonly loadBalancerAddress?: string;

  /**
   * Delegate the new zone from this parent zone (same cloud, same account/project): an NS record
   * set in the parent, so no registrar step is needed. The id is the cloud's, as for
   * `existingZoneId`.
   * @default - no delegation; enter the `name_servers` output at your registrar
   */
  readonly parentZoneId?: string;

  /**
   * TTL of the records this construct creates (address and delegation records).
   * @default 300
   */
  readonly recordTtl?: number;

  /**
   * Refuse to destroy or replace the zone this construct creates (`lifecycle.prevent_destroy`).
   *
   * Destroying a zone deletes every record in it, and a re-created zone gets new name servers, so
   * the domain stays dark until the registrar's NS records change and their TTL (up to 48 hours)
   * runs out. Turn it off only for throwaway environments; see the README, "Changing and tearing
   * down". An existing zone (`existingZoneId`) is only read.
   * @default true
   */
  readonly preventDestroy?: boolean;
}

/**
 * The DNS zone for a Gitpod installation, created or imported on the given cloud, with its name
 * servers as a Terraform output (`<id>_name_servers`) to delegate the domain to.
 *
 * For a cluster side built without Terraform (a cdk8s app, GitOps), `GitpodDnsZone.fromAttributes`
 * and `GitpodDnsZone.fromOutputsFile` give the same zone as literals.
 */
export class GitpodDnsZone extends Construct implements IGitpodDnsZone {
  /**
   * A zone described by literals, for the cluster side of an app that does not create it: no
   * Terraform, no provider package is loaded.
   *
   * @example GitpodDnsZone.fromAttributes({ cloud: new GoogleCloudDns({ project: 'my-project' }), domain: 'gitpod.example.com', zoneId: 'gitpod-example-com' })
   */
  public static fromAttributes(attrs: GitpodDnsZoneAttributes): IGitpodDnsZone {
    return zoneFromAttributes('GitpodDnsZone.fromAttributes', attrs);
  }

  /**
   * The zone and the identities from the hand-over of a `GitpodDnsIdentities`, as written by
   * `cdktf deploy <stack> --outputs-file <file>`: the cluster side needs nothing copied by hand.
   *
   * @param file the outputs file (JSON)
   */
  public static fromOutputsFile(file: string, options?: GitpodOutputsFileOptions): IGitpodDnsZone {
    return zoneFromOutputsFile(file, options);
  }

  /** The DNS provider that holds the zone. */
  public readonly cloud: IGitpodCloud;
  /** The validated Gitpod domain. */
  public readonly domain: GitpodDomain;
  /** The zone's attributes, as the other constructs use them. */
  public readonly attributes: DnsZoneAttributes;
  /** True if the zone was created here, false if it is an existing one. */
  public readonly created: boolean;

  constructor(scope: Construct, id: string, props: GitpodDnsZoneProps) {
    super(scope, id);
    if (!props?.cloud || typeof props.cloud.bindZone !== 'function') invalid('GitpodDnsZone.cloud', 'a DNS provider such as new GoogleCloudDns({...})', props?.cloud);
    this.cloud = props.cloud;
    this.domain = GitpodDomain.of(props.domain, 'GitpodDnsZone.domain');
    const zoneName = props.zoneName === undefined ? this.domain.name : validateDnsName('GitpodDnsZone.zoneName', props.zoneName);
    if (!this.domain.isWithin(zoneName)) {
      invalid('GitpodDnsZone.zoneName', `the domain "${this.domain.name}" or one of its parent domains`, zoneName);
    }
    if (props.existingZoneId !== undefined) requireString('GitpodDnsZone.existingZoneId', props.existingZoneId, "the existing zone's id");
    const ttl = validateInteger('GitpodDnsZone.recordTtl', props.recordTtl, 1, 86400, 'a TTL in seconds', 300);
    let recordType: string | undefined;
    if (props.loadBalancerAddress !== undefined) {
      const address = props.loadBalancerAddress;
      recordType = isIPv4(address) ? 'A' : isIPv6(address) ? 'AAAA' : invalid('GitpodDnsZone.loadBalancerAddress', 'an IPv4 or IPv6 address such as "203.0.113.10"', address);
    }
    if (props.parentZoneId !== undefined) {
      if (props.existingZoneId !== undefined) invalid('GitpodDnsZone.parentZoneId', 'no parent zone for an existing zone (delegate it where it was created)', props.parentZoneId);
      requireString('GitpodDnsZone.parentZoneId', props.parentZoneId, "the parent zone's id");
    }

    const preventDestroy = validateBoolean('GitpodDnsZone.preventDestroy', props.preventDestroy, true);

    this.created = props.existingZoneId === undefined;
    this.attributes = this.cloud.bindZone(this, { domain: this.domain, zoneName, existingZoneId: props.existingZoneId });
    if (this.created && preventDestroy) protectZone(this, this.cloud, this.attributes.zoneResource);
    if (recordType) {
      const address = props.loadBalancerAddress!;
      this.cloud.addAddressRecords(new Construct(this, 'records'), { zone: this.attributes, names: this.domain.certificateNames(), address, recordType, ttl });
    }
    if (props.parentZoneId !== undefined) {
      this.cloud.addDelegation(this, { zone: this.attributes, parentZoneId: props.parentZoneId, ttl });
    }

    // What `gcloud dns managed-zones describe ... nameServers` (and its AWS/Azure twins) show:
    // the servers to enter at the registrar or in the parent zone. Readable names for `cdktf output`.
    const { TerraformOutput } = cdktf();
    new TerraformOutput(this, 'name-servers', {
      value: this.attributes.nameServers,
      description: `Name servers of the DNS zone ${zoneName}: delegate ${zoneName} to them.`,
    }).overrideLogicalId(`${id}_name_servers`);
    new TerraformOutput(this, 'zone-id', {
      value: this.attributes.zoneId,
      description: `The ${this.cloud.cloudName} id of the DNS zone ${zoneName}.`,
    }).overrideLogicalId(`${id}_zone_id`);
  }

  /** The zone's DNS name without the trailing dot. */
  public get zoneName(): string {
    return this.attributes.zoneName;
  }

  /** The zone's id when it is known at synth time (an existing zone, or one whose id we choose). */
  public get literalZoneId(): string | undefined {
    return this.attributes.literalZoneId;
  }
}

/** The created zone outlives a destroy or a replacement plan: Terraform refuses both. */
function protectZone(zone: GitpodDnsZone, cloud: IGitpodCloud, resource: TerraformResource | undefined): void {
  if (resource) {
    protect(resource);
  } else {
    // A DNS provider that does not hand back the zone it created leaves it unprotected: say so.
    cdktf().Annotations.of(zone).addWarning(`GitpodDnsZone: the ${cloud.cloudName} DNS provider returned no zoneResource from bindZone, so the zone it created is not protected by lifecycle.prevent_destroy`);
  }
}
