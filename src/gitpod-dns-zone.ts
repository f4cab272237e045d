import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { DnsZoneAttributes, IGitpodCloud } from './cloud/gitpod-cloud';
import { GitpodDomain } from './domain';
import { invalid, requireString, validateDnsName } from './_validate';

/** Properties of a `GitpodDnsZone`. */
export interface GitpodDnsZoneProps {
  /**
   * The cloud whose DNS service holds the zone.
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
}

/**
 * The DNS zone for a Gitpod installation, created or imported on the given cloud, with its name
 * servers as a Terraform output (`name-servers`) to delegate the domain to.
 */
export class GitpodDnsZone extends Construct {
  /** The cloud that holds the zone. */
  public readonly cloud: IGitpodCloud;
  /** The validated Gitpod domain. */
  public readonly domain: GitpodDomain;
  /** The zone's attributes, as the other constructs use them. */
  public readonly attributes: DnsZoneAttributes;
  /** True if the zone was created here, false if it is an existing one. */
  public readonly created: boolean;

  constructor(scope: Construct, id: string, props: GitpodDnsZoneProps) {
    super(scope, id);
    if (!props.cloud) invalid('GitpodDnsZone.cloud', 'a cloud such as new GoogleCloudDns({...})', props.cloud);
    this.cloud = props.cloud;
    this.domain = GitpodDomain.of(props.domain, 'GitpodDnsZone.domain');
    const zoneName = props.zoneName === undefined ? this.domain.name : validateDnsName('GitpodDnsZone.zoneName', props.zoneName);
    if (!this.domain.isWithin(zoneName)) {
      invalid('GitpodDnsZone.zoneName', `the domain "${this.domain.name}" or one of its parent domains`, zoneName);
    }
    if (props.existingZoneId !== undefined) {
      requireString('GitpodDnsZone.existingZoneId', props.existingZoneId, "the existing zone's id");
    }
    this.created = props.existingZoneId === undefined;
    this.attributes = this.cloud.bindZone(this, {
      domain: this.domain,
      zoneName,
      existingZoneId: props.existingZoneId,
    });

    // What `gcloud dns managed-zones describe ... nameServers` (and its AWS/Azure twins) show:
    // the servers to enter at the registrar or in the parent zone.
    // Readable output names (`<id>_name_servers`) for `cdktf output`.
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
}
