// AWS Route53 + EKS: the reference architecture's AWS tabs, keyless (IRSA) and least-privilege.
import type { DataAwsIamPolicyDocument, DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import * as provider from './_provider-aws';
import { shortHash } from '../../internal/hash';
import { cdktf } from '../../internal/lazy';
import { withoutUndefined } from '../../internal/objects';
import {
  invalid, isUnresolved, NODE_HOST_PORTS, requireString, validateBoolean, validateEnum, validateInteger, validateLiteral, validatePattern,
  validateProvider,
} from '../../internal/validate';
import { registerCloud } from '../_registry';
import { GITPOD_TAGS } from '../_tags';
import { identityHash, refusePrivateZoneForAcme, requireIdentity } from '../_workload';
import {
  AddressRecordsRequest,
  DelegationRequest,
  Dns01SolverRequest,
  DnsWorkload,
  DnsWorkloadBinding,
  DnsWorkloadConfig,
  DnsWorkloadRequest,
  DnsWorkloadValuesRequest,
  DnsZoneAttributes,
  DnsZoneRequest,
  IGitpodCloud,
} from '../gitpod-cloud';

/** How external-dns and cert-manager get their AWS credentials. */
export enum AwsDnsIdentity {
  /**
   * IAM roles for service accounts: each Kubernetes service account assumes its own role through
   * the cluster's OIDC provider (`sts:AssumeRoleWithWebIdentity`). No access key exists anywhere.
   */
  IRSA = 'irsa',
  /** EKS Pod Identity: the role is associated with the service account by the EKS API. */
  POD_IDENTITY = 'pod-identity',
  /**
   * The reference's way: service accounts (and their roles) made beforehand, e.g. by `eksctl
   * create iamserviceaccount`. No role is created; the charts use the existing service accounts.
   */
  EXISTING_SERVICE_ACCOUNTS = 'existing-service-accounts',
}

/** Properties of `AwsRoute53`. */
export interface AwsRoute53Props {
  /**
   * The AWS region of the EKS cluster, for external-dns's and cert-manager's API calls.
   * @example 'eu-west-1'
   */
  readonly region: string;

  /**
   * How the workloads authenticate.
   * @default AwsDnsIdentity.IRSA
   */
  readonly identity?: AwsDnsIdentity;

  /**
   * ARN of the EKS cluster's IAM OIDC provider (IRSA), e.g. the `arn` of an
   * `aws_iam_openid_connect_provider`. A Terraform token is fine.
   * @example 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE'
   * @default - required with `AwsDnsIdentity.IRSA`
   */
  readonly oidcProviderArn?: string;

  /**
   * Name of the EKS cluster (Pod Identity associations are made on it).
   * @default - required with `AwsDnsIdentity.POD_IDENTITY`
   */
  readonly clusterName?: string;

  /**
   * Make the new hosted zone private, associated with this VPC (split-horizon DNS). external-dns
   * then manages the private zone (`--aws-zone-type=private`). Not for an existing zone (its VPC
   * associations are managed where it was created).
   * @default - a public hosted zone
   */
  readonly privateZoneVpcId?: string;

  /**
   * The AWS partition of the ARNs.
   * @default 'aws'
   */
  readonly partition?: string;

  /**
   * Run cert-manager's webhook in the host network: needed on EKS with Calico (or another
   * overlay CNI), where the control plane cannot reach pod IPs.
   * @default true
   */
  readonly webhookHostNetwork?: boolean;

  /**
   * The AWS account that holds the zone, when it is not the cluster's (a central DNS account). The
   * zone and one role per tool that may change it are created there (through
   * `dnsAccountProvider`); the cluster's service-account roles may only assume those roles, and
   * external-dns (`--aws-assume-role`) and cert-manager (the solver's `role`) do. The DNS-account
   * roles' ARNs go into the manifests, so the id is a literal: 12 digits.
   * @default - the cluster's account (the default AWS provider)
   */
  readonly dnsAccountId?: string;

  /**
   * The AWS provider of `dnsAccountId` (e.g. an `AwsProvider` with `assumeRole` into that account
   * and an `alias`). Needed where Terraform creates things (`cdktf synth`); not on the cluster side.
   * @default - required with `dnsAccountId` on the cloud side
   */
  readonly dnsAccountProvider?: TerraformProvider;

  /**
   * The webhook's port in the host network; the default 10250 clashes with the kubelet, so do the
   * kubelet's and kube-proxy's other ports (10248, 10249, 10255, 10256).
   * @default 10260
   */
  readonly webhookSecurePort?: number;
}

const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$/;
const REGION_FORM = 'an AWS region such as "eu-west-1"';
const HOSTED_ZONE_ID = /^Z[A-Z0-9]{1,32}$/;
const HOSTED_ZONE_FORM = 'a Route53 hosted zone id such as "Z1230498123094" (without "/hostedzone/")';
const OIDC_ARN = /^arn:aws[a-z-]*:iam::[0-9]{12}:oidc-provider\/[a-z0-9.-]+(\/[A-Za-z0-9._/-]+)?$/;
const OIDC_FORM = 'an IAM OIDC provider ARN such as "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE"';
const ROLE_ARN = /^arn:aws[a-z-]*:iam::[0-9]{12}:role\/[\w+=,.@/-]{1,512}$/;

/**
 * Route53 behind EKS: a hosted zone, one IAM role per workload with Route53 rights on that zone
 * only, assumed through IRSA (or EKS Pod Identity).
 *
 * @example
 * const cloud = new AwsRoute53({ region: 'eu-west-1', oidcProviderArn: oidcProvider.arn });
 * const zone = new GitpodDnsZone(stack, 'zone', { cloud, domain: 'gitpod.example.com' });
 */
export class AwsRoute53 implements IGitpodCloud {
  public readonly cloudName = 'aws';
  /** The region. */
  public readonly region: string;
  /** How the workloads authenticate. */
  public readonly identity: AwsDnsIdentity;
  /** True if the zone is private (answered inside its VPC only): its certificate comes from the internal CA. */
  public readonly privateZone?: boolean;
  private readonly props: AwsRoute53Props;
  private readonly partition: string;
  private readonly webhookHostNetwork: boolean;
  private readonly webhookSecurePort: number;

  constructor(props: AwsRoute53Props) {
    // The issuer's manifest carries the region, so it must be a literal.
    this.region = validateLiteral('AwsRoute53.region', props?.region, REGION, REGION_FORM);
    this.identity = validateEnum('AwsRoute53.identity', props.identity, AwsDnsIdentity, 'AwsDnsIdentity', AwsDnsIdentity.IRSA);
    this.partition = validatePattern('AwsRoute53.partition', props.partition ?? 'aws', /^aws(-[a-z]+)*$/, 'an AWS partition such as "aws"');
    if (this.identity === AwsDnsIdentity.IRSA) {
      validatePattern('AwsRoute53.oidcProviderArn', props.oidcProviderArn, OIDC_ARN, `${OIDC_FORM} (required for IRSA)`);
      // The trust policy names the provider by this ARN, the roles' ARNs carry `partition`.
      const arnPartition = isUnresolved(props.oidcProviderArn) ? undefined : props.oidcProviderArn!.split(':')[1];
      if (arnPartition !== undefined && arnPartition !== this.partition) {
        invalid('AwsRoute53.oidcProviderArn', `an ARN in the partition "${this.partition}" (AwsRoute53.partition), or set partition to "${arnPartition}"`, props.oidcProviderArn);
      }
    }
    if (this.identity === AwsDnsIdentity.POD_IDENTITY) {
      requireString('AwsRoute53.clusterName', props.clusterName, 'the EKS cluster name (required for Pod Identity)');
    }
    if (props.privateZoneVpcId !== undefined) {
      validatePattern('AwsRoute53.privateZoneVpcId', props.privateZoneVpcId, /^vpc-[0-9a-f]{8,17}$/, 'a VPC id such as "vpc-0a1b2c3d4e5f67890"');
    }
    this.webhookHostNetwork = validateBoolean('AwsRoute53.webhookHostNetwork', props.webhookHostNetwork, true);
    this.webhookSecurePort = validateInteger('AwsRoute53.webhookSecurePort', props.webhookSecurePort, 1024, 65535, 'a port number', 10260);
    if (this.webhookHostNetwork && NODE_HOST_PORTS[this.webhookSecurePort]) {
      invalid('AwsRoute53.webhookSecurePort', `a port no node component takes: in the host network the webhook shares the node's ports, and ${Object.keys(NODE_HOST_PORTS).join(', ')} belong to the kubelet and kube-proxy`, this.webhookSecurePort);
    }
    if (props.dnsAccountId !== undefined) {
      validateLiteral('AwsRoute53.dnsAccountId', props.dnsAccountId, /^[0-9]{12}$/, 'an AWS account id: 12 digits',
        'The DNS-account roles\' ARNs go into the manifests: pass the id as a string.');
      if (this.identity === AwsDnsIdentity.EXISTING_SERVICE_ACCOUNTS) {
        invalid('AwsRoute53.identity', 'AwsDnsIdentity.IRSA or AwsDnsIdentity.POD_IDENTITY with dnsAccountId (the DNS-account roles must trust the service accounts\' roles, which this library then creates)', this.identity);
      }
      if (props.privateZoneVpcId !== undefined) {
        invalid('AwsRoute53.privateZoneVpcId', 'no VPC with dnsAccountId: associating a VPC of another account needs an authorization in both accounts (aws_route53_vpc_association_authorization); make the private zone where the VPC is', props.privateZoneVpcId);
      }
      if (props.dnsAccountProvider !== undefined) {
        validateProvider('AwsRoute53.dnsAccountProvider', props.dnsAccountProvider, 'aws', `the AwsProvider of the DNS account ${props.dnsAccountId}`);
      }
    } else if (props.dnsAccountProvider !== undefined) {
      invalid('AwsRoute53.dnsAccountId', 'the DNS account\'s id (12 digits) whenever dnsAccountProvider is set', props.dnsAccountId);
    }
    this.props = props;
    this.privateZone = props.privateZoneVpcId !== undefined;
  }

  public bindZone(scope: Construct, request: DnsZoneRequest): DnsZoneAttributes {
    const vpcId = this.props.privateZoneVpcId;
    if (request.existingZoneId !== undefined) {
      if (vpcId !== undefined) {
        invalid('AwsRoute53.privateZoneVpcId', 'no VPC with an existing zone (GitpodDnsZone.existingZoneId): its VPC associations are managed where it was created', vpcId);
      }
      const zoneId = validateLiteral('GitpodDnsZone.existingZoneId', request.existingZoneId, HOSTED_ZONE_ID, HOSTED_ZONE_FORM);
      const existing = new (provider.DataAwsRoute53Zone())(scope, 'zone', { zoneId, provider: this.dnsProvider() });
      return { zoneName: request.zoneName, zoneId, literalZoneId: zoneId, nameServers: existing.nameServers };
    }
    const zone = new (provider.Route53Zone())(scope, 'zone', {
      name: request.zoneName,
      comment: 'Gitpod: records managed by external-dns and cert-manager',
      tags: GITPOD_TAGS,
      vpc: vpcId ? [{ vpcId, vpcRegion: this.region }] : undefined,
      provider: this.dnsProvider(),
    });
    // The id of a new zone exists only after apply: the issuer then finds the zone by name.
    return { zoneName: request.zoneName, zoneId: zone.zoneId, nameServers: zone.nameServers, zoneResource: zone };
  }

  public bindWorkload(scope: Construct, request: DnsWorkloadRequest): DnsWorkloadBinding {
    if (this.identity === AwsDnsIdentity.EXISTING_SERVICE_ACCOUNTS) return {};
    const PolicyDocument = provider.DataAwsIamPolicyDocument();
    const IamRole = provider.IamRole();
    const IamRolePolicy = provider.IamRolePolicy();
    const subject = `system:serviceaccount:${request.namespaceName}:${request.serviceAccountName}`;
    const trust = this.identity === AwsDnsIdentity.IRSA
      ? this.irsaTrust(scope, subject)
      : new PolicyDocument(scope, 'trust', {
        statement: [{
          actions: ['sts:AssumeRole', 'sts:TagSession'],
          principals: [{ type: 'Service', identifiers: ['pods.eks.amazonaws.com'] }],
        }],
      });
    const role = new IamRole(scope, 'role', {
      // Role names are unique per account: the workload plus a hash of the domain.
      name: `gitpod-${request.workload}-${identityHash(request)}`,
      description: `Gitpod ${request.workload} for ${request.domain.name}: Route53 records in ${request.zone.zoneName}`,
      assumeRolePolicy: trust.json,
      tags: GITPOD_TAGS,
    });
    if (this.props.dnsAccountId === undefined) {
      const policy = new PolicyDocument(scope, 'policy', { statement: this.statements(request) });
      new IamRolePolicy(scope, 'route53', { name: 'route53', role: role.id, policy: policy.json });
    } else {
      // The zone's account: a role with the Route53 rights, which only the cluster-side role may assume.
      const dnsProvider = this.dnsProvider();
      const dnsTrust = new PolicyDocument(scope, 'dns-account-trust', {
        provider: dnsProvider,
        statement: [{ actions: ['sts:AssumeRole'], principals: [{ type: 'AWS', identifiers: [role.arn] }] }],
      });
      const dnsRole = new IamRole(scope, 'dns-account-role', {
        provider: dnsProvider,
        name: dnsRoleName(request),
        description: `Gitpod ${request.workload} for ${request.domain.name}: Route53 records in ${request.zone.zoneName}, assumed from the cluster's account`,
        assumeRolePolicy: dnsTrust.json,
        tags: GITPOD_TAGS,
      });
      const policy = new PolicyDocument(scope, 'policy', { provider: dnsProvider, statement: this.statements(request) });
      new IamRolePolicy(scope, 'route53', { provider: dnsProvider, name: 'route53', role: dnsRole.id, policy: policy.json });
      const assume = new PolicyDocument(scope, 'assume-policy', {
        statement: [{ sid: 'AssumeTheDnsAccountRole', actions: ['sts:AssumeRole'], resources: [this.dnsRoleArn(request)] }],
      });
      new IamRolePolicy(scope, 'assume-dns-account-role', { name: 'assume-dns-account-role', role: role.id, policy: assume.json });
    }
    if (this.identity === AwsDnsIdentity.POD_IDENTITY) {
      new (provider.EksPodIdentityAssociation())(scope, 'pod-identity', {
        clusterName: this.props.clusterName!,
        namespace: request.namespaceName,
        serviceAccount: request.serviceAccountName,
        roleArn: role.arn,
      });
    }
    return { identity: role.arn };
  }

  public workloadValues(request: DnsWorkloadValuesRequest): DnsWorkloadConfig {
    const serviceAccount = this.serviceAccountValues(request);
    if (request.workload === DnsWorkload.CERT_MANAGER) {
      return {
        values: {
          webhook: { hostNetwork: this.webhookHostNetwork, securePort: this.webhookSecurePort },
          // Replaces the reference's `kubectl patch`: lets the controller read the projected token.
          securityContext: { fsGroup: 1001, runAsNonRoot: true },
          serviceAccount,
        },
      };
    }
    return {
      values: {
        provider: { name: 'aws' },
        env: [{ name: 'AWS_DEFAULT_REGION', value: this.region }],
        extraArgs: {
          'aws-zone-type': this.props.privateZoneVpcId ? 'private' : 'public',
          ...(request.zoneId !== undefined ? { 'zone-id-filter': request.zoneId } : {}),
          ...(this.props.dnsAccountId !== undefined ? { 'aws-assume-role': this.dnsRoleArn(request) } : {}),
        },
        // external-dns runs as UID 65534: the group lets it read the projected AWS token file.
        podSecurityContext: { fsGroup: 65534 },
        serviceAccount,
      },
    };
  }

  public dns01Solver(request: Dns01SolverRequest): { [key: string]: any } {
    if (this.props.privateZoneVpcId !== undefined) refusePrivateZoneForAcme('Route53');
    return {
      route53: {
        region: this.region,
        ...(request.zoneId !== undefined ? { hostedZoneID: request.zoneId } : {}),
        // cert-manager assumes it with its ambient (IRSA or Pod Identity) credentials.
        ...(this.props.dnsAccountId !== undefined ? { role: this.dnsRoleArn({ workload: DnsWorkload.CERT_MANAGER, domain: request.domain }) } : {}),
      },
    };
  }

  public proxyServiceAnnotations(): { [key: string]: string } {
    // The reference points DNS at the classic load balancer EKS creates for the proxy Service by
    // default, and it carries SSH (port 22) as plain TCP: nothing to add.
    return {};
  }

  public addAddressRecords(scope: Construct, request: AddressRecordsRequest): void {
    const Route53Record = provider.Route53Record();
    request.names.forEach((name, i) => new Route53Record(scope, `record-${i}`, {
      zoneId: request.zone.zoneId,
      name,
      type: request.recordType,
      ttl: request.ttl,
      records: [request.address],
      provider: this.dnsProvider(),
    }));
  }

  public addDelegation(scope: Construct, request: DelegationRequest): void {
    if (this.props.privateZoneVpcId !== undefined) invalid('GitpodDnsZone.parentZoneId', 'no parent zone for a private zone (it is answered inside its VPC, not delegated)', request.parentZoneId);
    const Route53Record = provider.Route53Record();
    const parentZoneId = validatePattern('GitpodDnsZone.parentZoneId', request.parentZoneId, HOSTED_ZONE_ID, HOSTED_ZONE_FORM);
    new Route53Record(scope, 'delegation', {
      zoneId: parentZoneId,
      name: request.zone.zoneName,
      type: 'NS',
      ttl: request.ttl,
      records: request.zone.nameServers,
      provider: this.dnsProvider(),
    });
  }

  public handoverProps(): { [key: string]: any } {
    const { oidcProviderArn, clusterName, privateZoneVpcId, dnsAccountId } = this.props;
    return withoutUndefined({
      region: this.region,
      identity: this.identity,
      oidcProviderArn,
      clusterName,
      privateZoneVpcId,
      partition: this.partition,
      dnsAccountId,
      webhookHostNetwork: this.webhookHostNetwork,
      webhookSecurePort: this.webhookSecurePort,
    });
  }

  /** The provider of the account that holds the zone: the DNS account's, or the default one. */
  private dnsProvider(): TerraformProvider | undefined {
    if (this.props.dnsAccountId === undefined) return undefined;
    if (this.props.dnsAccountProvider === undefined) {
      invalid('AwsRoute53.dnsAccountProvider', `the AwsProvider of the DNS account ${this.props.dnsAccountId} (required with dnsAccountId where Terraform creates the zone and roles)`, undefined);
    }
    return this.props.dnsAccountProvider;
  }

  /** The DNS-account role of a workload: its name is ours, so its ARN is known at synth. */
  private dnsRoleArn(request: DnsRoleRequest): string {
    return `arn:${this.partition}:iam::${this.props.dnsAccountId}:role/${dnsRoleName(request)}`;
  }

  /** The Route53 rights of each workload, on the zone's ARN wherever AWS allows it. */
  private statements(request: DnsWorkloadRequest): DataAwsIamPolicyDocumentStatement[] {
    const zoneArn = `arn:${this.partition}:route53:::hostedzone/${request.zone.zoneId}`;
    if (request.workload === DnsWorkload.EXTERNAL_DNS) {
      return [
        { sid: 'ChangeRecordsInTheGitpodZone', actions: ['route53:ChangeResourceRecordSets'], resources: [zoneArn] },
        { sid: 'ReadTheGitpodZone', actions: ['route53:ListResourceRecordSets', 'route53:ListTagsForResources'], resources: [zoneArn] },
        // Listing zones cannot be scoped to one zone: AWS only accepts "*" for it.
        { sid: 'FindZones', actions: ['route53:ListHostedZones'], resources: ['*'] },
      ];
    }
    const statements: DataAwsIamPolicyDocumentStatement[] = [
      { sid: 'WatchChanges', actions: ['route53:GetChange'], resources: [`arn:${this.partition}:route53:::change/*`] },
      {
        sid: 'WriteChallengeRecords',
        actions: ['route53:ChangeResourceRecordSets'],
        resources: [zoneArn],
        // Only TXT records, and only ACME challenge names.
        condition: [
          { test: 'ForAllValues:StringEquals', variable: 'route53:ChangeResourceRecordSetsRecordTypes', values: ['TXT'] },
          { test: 'ForAllValues:StringLike', variable: 'route53:ChangeResourceRecordSetsNormalizedRecordNames', values: ['_acme-challenge.*'] },
        ],
      },
      { sid: 'ReadTheGitpodZone', actions: ['route53:ListResourceRecordSets'], resources: [zoneArn] },
    ];
    if (request.zone.literalZoneId === undefined) {
      // The solver does not know the zone id, so cert-manager looks it up by name.
      statements.push({ sid: 'FindTheZoneByName', actions: ['route53:ListHostedZonesByName'], resources: ['*'] });
    }
    return statements;
  }

  /** The chart's `serviceAccount` values for the identity mode. */
  private serviceAccountValues(request: DnsWorkloadValuesRequest): { [key: string]: any } {
    switch (this.identity) {
      case AwsDnsIdentity.EXISTING_SERVICE_ACCOUNTS:
        return { create: false, name: request.serviceAccountName };
      case AwsDnsIdentity.POD_IDENTITY:
        // The EKS API associates the role with the service account: no annotation.
        return { create: true, name: request.serviceAccountName };
      default:
        return { create: true, name: request.serviceAccountName, annotations: { 'eks.amazonaws.com/role-arn': requireIdentity(request, ROLE_ARN, 'an IAM role ARN') } };
    }
  }

  /** Trust for exactly one service account of the cluster's OIDC provider, audience STS. */
  private irsaTrust(scope: Construct, subject: string): DataAwsIamPolicyDocument {
    const PolicyDocument = provider.DataAwsIamPolicyDocument();
    const { Fn } = cdktf();
    const arn = this.props.oidcProviderArn!;
    const issuer = isUnresolved(arn) ? Fn.element(Fn.split('oidc-provider/', arn), 1) : arn.split('oidc-provider/')[1];
    return new PolicyDocument(scope, 'trust', {
      statement: [{
        actions: ['sts:AssumeRoleWithWebIdentity'],
        principals: [{ type: 'Federated', identifiers: [arn] }],
        condition: [
          { test: 'StringEquals', variable: `${issuer}:sub`, values: [subject] },
          { test: 'StringEquals', variable: `${issuer}:aud`, values: ['sts.amazonaws.com'] },
        ],
      }],
    });
  }
}

type DnsRoleRequest = Pick<DnsWorkloadRequest, 'workload' | 'domain'> & Partial<Pick<DnsWorkloadRequest, 'namespaceName' | 'serviceAccountName'>>;

/**
 * The DNS-account role of a workload. cert-manager's is named by the domain alone, so that its
 * solver (which knows no service account) can name it; external-dns's like its other identities.
 */
function dnsRoleName(request: DnsRoleRequest): string {
  const hash = request.workload === DnsWorkload.CERT_MANAGER || request.namespaceName === undefined
    ? shortHash(request.domain.name)
    : identityHash({ ...request, namespaceName: request.namespaceName, serviceAccountName: request.serviceAccountName ?? request.workload });
  return `gitpod-${request.workload}-dns-${hash}`;
}

registerCloud('aws', (props) => new AwsRoute53(props));
