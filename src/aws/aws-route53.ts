// AWS Route53 + EKS: the reference architecture's AWS tabs, keyless (IRSA) and least-privilege.
import { DataAwsIamPolicyDocument, DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DataAwsRoute53Zone } from '@cdktf/provider-aws/lib/data-aws-route53-zone';
import { EksPodIdentityAssociation } from '@cdktf/provider-aws/lib/eks-pod-identity-association';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { shortHash } from '../_hash';
import { invalid, requireString, validateLiteral, validatePattern } from '../_validate';
import { GITPOD_TAGS } from '../cloud/_tags';
import {
  AddressRecordsRequest,
  DelegationRequest,
  Dns01SolverRequest,
  DnsWorkloadConfig,
  DnsWorkloadRequest,
  DnsZoneAttributes,
  DnsZoneRequest,
  IGitpodCloud,
} from '../cloud/gitpod-cloud';

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
   * then manages the private zone (`--aws-zone-type=private`).
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
   * The webhook's port in the host network; the default 10250 clashes with the kubelet.
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
  private readonly props: AwsRoute53Props;
  private readonly partition: string;

  constructor(props: AwsRoute53Props) {
    // The issuer's manifest carries the region, so it must be a literal.
    this.region = validateLiteral('AwsRoute53.region', props?.region, REGION, REGION_FORM);
    this.identity = props.identity ?? AwsDnsIdentity.IRSA;
    this.partition = validatePattern('AwsRoute53.partition', props.partition ?? 'aws', /^aws(-[a-z]+)*$/, 'an AWS partition such as "aws"');
    if (this.identity === AwsDnsIdentity.IRSA) {
      validatePattern('AwsRoute53.oidcProviderArn', props.oidcProviderArn, OIDC_ARN, `${OIDC_FORM} (required for IRSA)`);
    }
    if (this.identity === AwsDnsIdentity.POD_IDENTITY) {
      requireString('AwsRoute53.clusterName', props.clusterName, 'the EKS cluster name (required for Pod Identity)');
    }
    if (props.privateZoneVpcId !== undefined) {
      validatePattern('AwsRoute53.privateZoneVpcId', props.privateZoneVpcId, /^vpc-[0-9a-f]{8,17}$/, 'a VPC id such as "vpc-0a1b2c3d4e5f67890"');
    }
    const port = props.webhookSecurePort ?? 10260;
    if (!Number.isInteger(port) || port < 1024 || port > 65535) invalid('AwsRoute53.webhookSecurePort', 'a port number from 1024 to 65535', port);
    this.props = props;
  }

  public bindZone(scope: Construct, request: DnsZoneRequest): DnsZoneAttributes {
    if (request.existingZoneId !== undefined) {
      const zoneId = validateLiteral('GitpodDnsZone.existingZoneId', request.existingZoneId, HOSTED_ZONE_ID, HOSTED_ZONE_FORM);
      const existing = new DataAwsRoute53Zone(scope, 'zone', { zoneId });
      return { zoneName: request.zoneName, zoneId, literalZoneId: zoneId, nameServers: existing.nameServers };
    }
    const vpcId = this.props.privateZoneVpcId;
    const zone = new Route53Zone(scope, 'zone', {
      name: request.zoneName,
      comment: 'Gitpod: records managed by external-dns and cert-manager',
      tags: GITPOD_TAGS,
      vpc: vpcId ? [{ vpcId, vpcRegion: this.region }] : undefined,
    });
    // The id of a new zone exists only after apply: the issuer then finds the zone by name.
    return { zoneName: request.zoneName, zoneId: zone.zoneId, nameServers: zone.nameServers };
  }

  public bindExternalDns(scope: Construct, request: DnsWorkloadRequest): DnsWorkloadConfig {
    const zoneArn = this.zoneArn(request.zone);
    const serviceAccount = this.workloadIdentity(scope, 'external-dns', request, [
      { sid: 'ChangeRecordsInTheGitpodZone', actions: ['route53:ChangeResourceRecordSets'], resources: [zoneArn] },
      { sid: 'ReadTheGitpodZone', actions: ['route53:ListResourceRecordSets', 'route53:ListTagsForResources'], resources: [zoneArn] },
      // Listing zones cannot be scoped to one zone: AWS only accepts "*" for it.
      { sid: 'FindZones', actions: ['route53:ListHostedZones'], resources: ['*'] },
    ]);
    return {
      values: {
        provider: { name: 'aws' },
        env: [{ name: 'AWS_DEFAULT_REGION', value: this.region }],
        extraArgs: {
          'aws-zone-type': this.props.privateZoneVpcId ? 'private' : 'public',
          'zone-id-filter': request.zone.zoneId,
        },
        // external-dns runs as UID 65534: the group lets it read the projected AWS token file.
        podSecurityContext: { fsGroup: 65534 },
        serviceAccount,
      },
    };
  }

  public bindCertManager(scope: Construct, request: DnsWorkloadRequest): DnsWorkloadConfig {
    const zoneArn = this.zoneArn(request.zone);
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
    const serviceAccount = this.workloadIdentity(scope, 'cert-manager', request, statements);
    return {
      values: {
        webhook: { hostNetwork: this.props.webhookHostNetwork ?? true, securePort: this.props.webhookSecurePort ?? 10260 },
        // Replaces the reference's `kubectl patch`: lets the controller read the projected token.
        securityContext: { fsGroup: 1001, runAsNonRoot: true },
        serviceAccount,
      },
    };
  }

  public dns01Solver(request: Dns01SolverRequest): { [key: string]: any } {
    const hostedZoneID = request.zone.literalZoneId;
    return { route53: { region: this.region, ...(hostedZoneID ? { hostedZoneID } : {}) } };
  }

  public proxyServiceAnnotations(): { [key: string]: string } {
    return {};
  }

  public addAddressRecords(scope: Construct, request: AddressRecordsRequest): void {
    request.names.forEach((name, i) => new Route53Record(scope, `record-${i}`, {
      zoneId: request.zone.zoneId,
      name,
      type: request.recordType,
      ttl: request.ttl,
      records: [request.address],
    }));
  }

  public addDelegation(scope: Construct, request: DelegationRequest): void {
    const parentZoneId = validatePattern('GitpodDnsZone.parentZoneId', request.parentZoneId, HOSTED_ZONE_ID, HOSTED_ZONE_FORM);
    new Route53Record(scope, 'delegation', {
      zoneId: parentZoneId,
      name: request.zone.zoneName,
      type: 'NS',
      ttl: request.ttl,
      records: request.zone.nameServers,
    });
  }

  private zoneArn(zone: DnsZoneAttributes): string {
    return `arn:${this.partition}:route53:::hostedzone/${zone.zoneId}`;
  }

  /**
   * Creates the workload's role with `statements` and lets its Kubernetes service account use it;
   * returns the chart's `serviceAccount` values.
   */
  private workloadIdentity(scope: Construct, workload: string, request: DnsWorkloadRequest, statements: DataAwsIamPolicyDocumentStatement[]) {
    if (this.identity === AwsDnsIdentity.EXISTING_SERVICE_ACCOUNTS) {
      return { create: false, name: request.serviceAccountName };
    }
    const subject = `system:serviceaccount:${request.namespaceName}:${request.serviceAccountName}`;
    const trust = this.identity === AwsDnsIdentity.IRSA
      ? this.irsaTrust(scope, subject)
      : new DataAwsIamPolicyDocument(scope, 'trust', {
        statement: [{
          actions: ['sts:AssumeRole', 'sts:TagSession'],
          principals: [{ type: 'Service', identifiers: ['pods.eks.amazonaws.com'] }],
        }],
      });
    const role = new IamRole(scope, 'role', {
      // Role names are unique per account: the workload plus a hash of the domain.
      name: `gitpod-${workload}-${shortHash(request.domain.name)}`,
      description: `Gitpod ${workload} for ${request.domain.name}: Route53 records in ${request.zone.zoneName}`,
      assumeRolePolicy: trust.json,
      tags: GITPOD_TAGS,
    });
    const policy = new DataAwsIamPolicyDocument(scope, 'policy', { statement: statements });
    new IamRolePolicy(scope, 'route53', { name: 'route53', role: role.id, policy: policy.json });
    if (this.identity === AwsDnsIdentity.POD_IDENTITY) {
      new EksPodIdentityAssociation(scope, 'pod-identity', {
        clusterName: this.props.clusterName!,
        namespace: request.namespaceName,
        serviceAccount: request.serviceAccountName,
        roleArn: role.arn,
      });
      return { create: true, name: request.serviceAccountName };
    }
    return { create: true, name: request.serviceAccountName, annotations: { 'eks.amazonaws.com/role-arn': role.arn } };
  }

  /** Trust for exactly one service account of the cluster's OIDC provider, audience STS. */
  private irsaTrust(scope: Construct, subject: string): DataAwsIamPolicyDocument {
    const arn = this.props.oidcProviderArn!;
    const issuer = Token.isUnresolved(arn) ? Fn.element(Fn.split('oidc-provider/', arn), 1) : arn.split('oidc-provider/')[1];
    return new DataAwsIamPolicyDocument(scope, 'trust', {
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
