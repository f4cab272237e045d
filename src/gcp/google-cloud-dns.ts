// Google Cloud DNS + GKE: the reference architecture's GCP tabs, keyless by default.
import { DataGoogleDnsManagedZone } from '@cdktf/provider-google/lib/data-google-dns-managed-zone';
import { DnsManagedZone } from '@cdktf/provider-google/lib/dns-managed-zone';
import { DnsManagedZoneIamMember } from '@cdktf/provider-google/lib/dns-managed-zone-iam-member';
import { DnsRecordSet } from '@cdktf/provider-google/lib/dns-record-set';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { ServiceAccountKey } from '@cdktf/provider-google/lib/service-account-key';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { shortHash } from '../_hash';
import { validateLiteral, validatePattern } from '../_validate';
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

/** How external-dns and cert-manager authenticate to Cloud DNS. */
export enum GoogleDnsIdentity {
  /**
   * GKE Workload Identity: each Kubernetes service account impersonates its own Google service
   * account. No key exists anywhere. The cluster needs a workload pool (`<project>.svc.id.goog`).
   */
  WORKLOAD_IDENTITY = 'workload-identity',
  /**
   * The reference architecture's way: a JSON key per Google service account, stored in a
   * Kubernetes Secret (`clouddns-dns01-solver` with `key.json` for cert-manager). The key is
   * long-lived and sits in the Terraform state; choose it only where Workload Identity is off.
   */
  SERVICE_ACCOUNT_KEY = 'service-account-key',
}

/** Where the DNS role is granted. */
export enum GoogleDnsRoleScope {
  /**
   * `roles/dns.admin` on the managed zone only. external-dns also gets `roles/dns.reader` on the
   * project, because it lists the project's zones to find its own.
   */
  ZONE = 'zone',
  /** `roles/dns.admin` on the whole project, as the reference architecture does. */
  PROJECT = 'project',
}

/** Properties of `GoogleCloudDns`. */
export interface GoogleCloudDnsProps {
  /**
   * The Google Cloud project that holds the DNS zone.
   * @example 'my-gitpod-project'
   */
  readonly project: string;

  /**
   * The project of the GKE cluster, whose workload pool `<project>.svc.id.goog` the Kubernetes
   * service accounts belong to.
   * @default - the DNS project
   */
  readonly clusterProject?: string;

  /**
   * How the workloads authenticate.
   * @default GoogleDnsIdentity.WORKLOAD_IDENTITY
   */
  readonly identity?: GoogleDnsIdentity;

  /**
   * Where `roles/dns.admin` is granted.
   * @default GoogleDnsRoleScope.ZONE
   */
  readonly roleScope?: GoogleDnsRoleScope;
}

const MANAGED_ZONE_NAME = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;
const MANAGED_ZONE_FORM = 'a Cloud DNS managed zone name (lower-case letters, digits, hyphens)';
const PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const PROJECT_ID_FORM = 'a Google Cloud project id: 6-30 lower-case letters, digits or hyphens, starting with a letter';

/** The Secret cert-manager reads the key from in `SERVICE_ACCOUNT_KEY` mode (the reference's name). */
const CERT_MANAGER_KEY_SECRET = { name: 'clouddns-dns01-solver', key: 'key.json' };
const EXTERNAL_DNS_KEY_SECRET = { name: 'external-dns-google-credentials', key: 'credentials.json' };

/**
 * Google Cloud DNS behind GKE: a managed zone, one Google service account per workload with
 * `roles/dns.admin` on the zone, bound through GKE Workload Identity.
 *
 * @example
 * const cloud = new GoogleCloudDns({ project: 'my-project' });
 * const zone = new GitpodDnsZone(stack, 'zone', { cloud, domain: 'gitpod.example.com' });
 */
export class GoogleCloudDns implements IGitpodCloud {
  public readonly cloudName = 'gcp';
  /** The DNS project. */
  public readonly project: string;
  /** The GKE cluster's project. */
  public readonly clusterProject: string;
  /** How the workloads authenticate. */
  public readonly identity: GoogleDnsIdentity;
  /** Where the DNS role is granted. */
  public readonly roleScope: GoogleDnsRoleScope;

  constructor(props: GoogleCloudDnsProps) {
    // The issuer's manifest carries the project, so it must be a literal.
    this.project = validateLiteral('GoogleCloudDns.project', props?.project, PROJECT_ID, PROJECT_ID_FORM);
    this.clusterProject = validatePattern('GoogleCloudDns.clusterProject', props.clusterProject ?? this.project, PROJECT_ID, PROJECT_ID_FORM);
    this.identity = props.identity ?? GoogleDnsIdentity.WORKLOAD_IDENTITY;
    this.roleScope = props.roleScope ?? GoogleDnsRoleScope.ZONE;
  }

  public bindZone(scope: Construct, request: DnsZoneRequest): DnsZoneAttributes {
    if (request.existingZoneId !== undefined) {
      const zoneId = validateLiteral('GitpodDnsZone.existingZoneId', request.existingZoneId, MANAGED_ZONE_NAME, MANAGED_ZONE_FORM);
      const existing = new DataGoogleDnsManagedZone(scope, 'zone', { name: zoneId, project: this.project });
      return { zoneName: request.zoneName, zoneId, literalZoneId: zoneId, nameServers: existing.nameServers };
    }
    // The zone name is ours to choose, so it is known at synth and the issuer can name it:
    // `gitpod-example-com` for `gitpod.example.com` (a managed zone name starts with a letter).
    const dashed = request.zoneName.replace(/\./g, '-');
    const zoneId = (/^[a-z]/.test(dashed) ? dashed : `zone-${dashed}`).slice(0, 63).replace(/-+$/, '');
    const zone = new DnsManagedZone(scope, 'zone', {
      project: this.project,
      name: zoneId,
      dnsName: `${request.zoneName}.`,
      description: 'Gitpod: records managed by external-dns and cert-manager',
      labels: GITPOD_TAGS,
    });
    return { zoneName: request.zoneName, zoneId: zone.name, literalZoneId: zoneId, nameServers: zone.nameServers };
  }

  public bindExternalDns(scope: Construct, request: DnsWorkloadRequest): DnsWorkloadConfig {
    const account = this.serviceAccount(scope, 'external-dns', request);
    if (this.roleScope === GoogleDnsRoleScope.ZONE) {
      // external-dns lists the project's zones to find the one matching its domain filter.
      new ProjectIamMember(scope, 'dns-reader', {
        project: this.project,
        role: 'roles/dns.reader',
        member: `serviceAccount:${account.email}`,
      });
    }
    const values = {
      provider: { name: 'google' },
      extraArgs: { 'google-project': this.project, 'google-zone-visibility': 'public' },
    };
    if (this.identity === GoogleDnsIdentity.SERVICE_ACCOUNT_KEY) {
      const mountPath = '/etc/secrets/google';
      return {
        values: {
          ...values,
          env: [{ name: 'GOOGLE_APPLICATION_CREDENTIALS', value: `${mountPath}/${EXTERNAL_DNS_KEY_SECRET.key}` }],
          extraVolumes: [{ name: 'google-credentials', secret: { secretName: EXTERNAL_DNS_KEY_SECRET.name } }],
          extraVolumeMounts: [{ name: 'google-credentials', mountPath, readOnly: true }],
        },
        secret: this.keySecret(scope, account, EXTERNAL_DNS_KEY_SECRET),
      };
    }
    return { values: { ...values, serviceAccount: this.workloadIdentity(scope, account, request) } };
  }

  public bindCertManager(scope: Construct, request: DnsWorkloadRequest): DnsWorkloadConfig {
    const account = this.serviceAccount(scope, 'cert-manager', request);
    if (this.identity === GoogleDnsIdentity.SERVICE_ACCOUNT_KEY) {
      return { values: {}, secret: this.keySecret(scope, account, CERT_MANAGER_KEY_SECRET) };
    }
    return { values: { serviceAccount: this.workloadIdentity(scope, account, request) } };
  }

  public dns01Solver(request: Dns01SolverRequest): { [key: string]: any } {
    return {
      cloudDNS: {
        project: this.project,
        // Naming the zone spares cert-manager a project-wide zone listing it has no right to.
        hostedZoneName: request.zone.literalZoneId,
        ...(this.identity === GoogleDnsIdentity.SERVICE_ACCOUNT_KEY ? { serviceAccountSecretRef: CERT_MANAGER_KEY_SECRET } : {}),
      },
    };
  }

  public proxyServiceAnnotations(): { [key: string]: string } {
    // The reference load-balances through a standalone network endpoint group (NEG).
    return { 'cloud.google.com/neg': '{"exposed_ports": {"80":{},"443": {}}}' };
  }

  public addAddressRecords(scope: Construct, request: AddressRecordsRequest): void {
    request.names.forEach((name, i) => new DnsRecordSet(scope, `record-${i}`, {
      project: this.project,
      managedZone: request.zone.zoneId,
      name: `${name}.`,
      type: request.recordType,
      ttl: request.ttl,
      rrdatas: [request.address],
    }));
  }

  public addDelegation(scope: Construct, request: DelegationRequest): void {
    validatePattern('GitpodDnsZone.parentZoneId', request.parentZoneId, MANAGED_ZONE_NAME, MANAGED_ZONE_FORM);
    new DnsRecordSet(scope, 'delegation', {
      project: this.project,
      managedZone: request.parentZoneId,
      name: `${request.zone.zoneName}.`,
      type: 'NS',
      ttl: request.ttl,
      rrdatas: request.zone.nameServers,
    });
  }

  /** One Google service account per workload, with the DNS role at the chosen scope. */
  private serviceAccount(scope: Construct, workload: string, request: DnsWorkloadRequest): ServiceAccount {
    // Account ids are unique per project and limited to 30 characters: the workload plus a hash of
    // the domain keeps several Gitpod installations in one project apart.
    const account = new ServiceAccount(scope, 'service-account', {
      project: this.project,
      accountId: `${workload}-${shortHash(request.domain.name)}`,
      displayName: `Gitpod ${workload} (${request.domain.name})`,
      description: `Changes DNS records in the zone ${request.zone.zoneName} for Gitpod's ${workload}.`,
    });
    const member = `serviceAccount:${account.email}`;
    if (this.roleScope === GoogleDnsRoleScope.ZONE) {
      new DnsManagedZoneIamMember(scope, 'dns-admin', {
        project: this.project,
        managedZone: request.zone.zoneId,
        role: 'roles/dns.admin',
        member,
      });
    } else {
      new ProjectIamMember(scope, 'dns-admin', { project: this.project, role: 'roles/dns.admin', member });
    }
    return account;
  }

  /** Lets the Kubernetes service account impersonate `account`; returns the chart's SA values. */
  private workloadIdentity(scope: Construct, account: ServiceAccount, request: DnsWorkloadRequest) {
    new ServiceAccountIamMember(scope, 'workload-identity', {
      serviceAccountId: account.name,
      role: 'roles/iam.workloadIdentityUser',
      member: `serviceAccount:${this.clusterProject}.svc.id.goog[${request.namespaceName}/${request.serviceAccountName}]`,
    });
    return { annotations: { 'iam.gke.io/gcp-service-account': account.email } };
  }

  private keySecret(scope: Construct, account: ServiceAccount, secret: { name: string; key: string }) {
    // `private_key` is a sensitive attribute: Terraform keeps it out of plans and logs.
    const key = new ServiceAccountKey(scope, 'key', { serviceAccountId: account.name });
    return { name: secret.name, data: { [secret.key]: Fn.base64decode(key.privateKey) } };
  }
}
