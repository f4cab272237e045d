// Google Cloud DNS + GKE: the reference architecture's GCP tabs, keyless by default.
import type { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { Construct } from 'constructs';
import * as provider from './_provider-google';
import { cdktf } from '../../internal/lazy';
import { invalid, validateEnum, validateList, validateLiteral, validatePattern } from '../../internal/validate';
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

  /**
   * Make the new zone a private zone visible from these VPC networks (their ids or URLs,
   * `projects/<project>/global/networks/<name>`; Terraform tokens are fine): split-horizon DNS.
   * external-dns then manages private zones (`--google-zone-visibility=private`). cert-manager
   * cannot solve ACME challenges in a private zone: give GitpodIssuer the public one.
   * @default - a public zone
   */
  readonly privateZoneNetworks?: string[];
}

const MANAGED_ZONE_NAME = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;
const MANAGED_ZONE_FORM = 'a Cloud DNS managed zone name (lower-case letters, digits, hyphens)';
const PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const PROJECT_ID_FORM = 'a Google Cloud project id: 6-30 lower-case letters, digits or hyphens, starting with a letter';
const SERVICE_ACCOUNT_EMAIL = /^[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z][a-z0-9-]{4,28}[a-z0-9]\.iam\.gserviceaccount\.com$/;

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
  /** True if the zone is private (answered inside its networks only): its certificate comes from the internal CA. */
  public readonly privateZone?: boolean;
  private readonly privateZoneNetworks?: string[];

  constructor(props: GoogleCloudDnsProps) {
    // The issuer's manifest carries the project, so it must be a literal.
    this.project = validateLiteral('GoogleCloudDns.project', props?.project, PROJECT_ID, PROJECT_ID_FORM);
    this.clusterProject = validatePattern('GoogleCloudDns.clusterProject', props.clusterProject ?? this.project, PROJECT_ID, PROJECT_ID_FORM);
    this.identity = validateEnum('GoogleCloudDns.identity', props.identity, GoogleDnsIdentity, 'GoogleDnsIdentity', GoogleDnsIdentity.WORKLOAD_IDENTITY);
    this.roleScope = validateEnum('GoogleCloudDns.roleScope', props.roleScope, GoogleDnsRoleScope, 'GoogleDnsRoleScope', GoogleDnsRoleScope.ZONE);
    if (props.privateZoneNetworks !== undefined) {
      validateList('GoogleCloudDns.privateZoneNetworks', props.privateZoneNetworks, 'one or more VPC networks', (property, network) => validatePattern(property, network,
        /^(https:\/\/www\.googleapis\.com\/compute\/v1\/)?projects\/[a-z][a-z0-9-]{4,28}[a-z0-9]\/global\/networks\/[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/,
        'a VPC network id such as "projects/my-project/global/networks/gitpod"'));
    }
    this.privateZoneNetworks = props.privateZoneNetworks;
    this.privateZone = props.privateZoneNetworks !== undefined;
  }

  public bindZone(scope: Construct, request: DnsZoneRequest): DnsZoneAttributes {
    if (request.existingZoneId !== undefined) {
      if (this.privateZoneNetworks) invalid('GoogleCloudDns.privateZoneNetworks', 'no networks with an existing zone (GitpodDnsZone.existingZoneId): its visibility is set where it was made', this.privateZoneNetworks);
      const zoneId = validateLiteral('GitpodDnsZone.existingZoneId', request.existingZoneId, MANAGED_ZONE_NAME, MANAGED_ZONE_FORM);
      const existing = new (provider.DataGoogleDnsManagedZone())(scope, 'zone', { name: zoneId, project: this.project });
      return { zoneName: request.zoneName, zoneId, literalZoneId: zoneId, nameServers: existing.nameServers };
    }
    // The zone name is ours to choose, so it is known at synth and the issuer can name it:
    // `gitpod-example-com` for `gitpod.example.com` (a managed zone name starts with a letter).
    const dashed = request.zoneName.replace(/\./g, '-');
    const zoneId = (/^[a-z]/.test(dashed) ? dashed : `zone-${dashed}`).slice(0, 63).replace(/-+$/, '');
    const zone = new (provider.DnsManagedZone())(scope, 'zone', {
      project: this.project,
      name: zoneId,
      dnsName: `${request.zoneName}.`,
      description: 'Gitpod: records managed by external-dns and cert-manager',
      labels: GITPOD_TAGS,
      ...(this.privateZoneNetworks ? {
        visibility: 'private',
        privateVisibilityConfig: { networks: this.privateZoneNetworks.map((networkUrl) => ({ networkUrl })) },
      } : {}),
    });
    return { zoneName: request.zoneName, zoneId: zone.name, literalZoneId: zoneId, nameServers: zone.nameServers, zoneResource: zone };
  }

  public bindWorkload(scope: Construct, request: DnsWorkloadRequest): DnsWorkloadBinding {
    // One Google service account per workload. Account ids are unique per project and limited to
    // 30 characters: the workload plus a hash of the domain keeps installations apart.
    const account = new (provider.ServiceAccount())(scope, 'service-account', {
      project: this.project,
      accountId: `${request.workload}-${identityHash(request)}`,
      displayName: `Gitpod ${request.workload} (${request.domain.name})`,
      description: `Changes DNS records in the zone ${request.zone.zoneName} for Gitpod's ${request.workload}.`,
    });
    const member = `serviceAccount:${account.email}`;
    if (this.roleScope === GoogleDnsRoleScope.ZONE) {
      new (provider.DnsManagedZoneIamMember())(scope, 'dns-admin', { project: this.project, managedZone: request.zone.zoneId, role: 'roles/dns.admin', member });
      if (request.workload === DnsWorkload.EXTERNAL_DNS) {
        // external-dns lists the project's zones to find the one matching its domain filter.
        new (provider.ProjectIamMember())(scope, 'dns-reader', { project: this.project, role: 'roles/dns.reader', member });
      }
    } else {
      new (provider.ProjectIamMember())(scope, 'dns-admin', { project: this.project, role: 'roles/dns.admin', member });
    }
    if (this.identity === GoogleDnsIdentity.SERVICE_ACCOUNT_KEY) {
      return { identity: account.email, credentials: this.keySecret(scope, account, request.workload) };
    }
    // GKE Workload Identity: the Kubernetes service account may impersonate the Google one.
    new (provider.ServiceAccountIamMember())(scope, 'workload-identity', {
      serviceAccountId: account.name,
      role: 'roles/iam.workloadIdentityUser',
      member: `serviceAccount:${this.clusterProject}.svc.id.goog[${request.namespaceName}/${request.serviceAccountName}]`,
    });
    return { identity: account.email };
  }

  public workloadValues(request: DnsWorkloadValuesRequest): DnsWorkloadConfig {
    const keyMode = this.identity === GoogleDnsIdentity.SERVICE_ACCOUNT_KEY;
    const serviceAccount = keyMode ? undefined : {
      annotations: { 'iam.gke.io/gcp-service-account': requireIdentity(request, SERVICE_ACCOUNT_EMAIL, 'a Google service account email') },
    };
    if (request.workload === DnsWorkload.CERT_MANAGER) {
      return keyMode ? { values: {}, credentialsSecretName: CERT_MANAGER_KEY_SECRET.name } : { values: { serviceAccount } };
    }
    const values = {
      provider: { name: 'google' },
      extraArgs: { 'google-project': this.project, 'google-zone-visibility': this.privateZoneNetworks ? 'private' : 'public' },
    };
    if (!keyMode) return { values: { ...values, serviceAccount } };
    const mountPath = '/etc/secrets/google';
    return {
      values: {
        ...values,
        env: [{ name: 'GOOGLE_APPLICATION_CREDENTIALS', value: `${mountPath}/${EXTERNAL_DNS_KEY_SECRET.key}` }],
        extraVolumes: [{ name: 'google-credentials', secret: { secretName: EXTERNAL_DNS_KEY_SECRET.name } }],
        extraVolumeMounts: [{ name: 'google-credentials', mountPath, readOnly: true }],
      },
      credentialsSecretName: EXTERNAL_DNS_KEY_SECRET.name,
    };
  }

  public dns01Solver(request: Dns01SolverRequest): { [key: string]: any } {
    if (this.privateZoneNetworks) refusePrivateZoneForAcme('Cloud DNS');
    return {
      cloudDNS: {
        project: this.project,
        // Naming the zone spares cert-manager a project-wide zone listing it has no right to.
        hostedZoneName: request.zoneId,
        ...(this.identity === GoogleDnsIdentity.SERVICE_ACCOUNT_KEY ? { serviceAccountSecretRef: CERT_MANAGER_KEY_SECRET } : {}),
      },
    };
  }

  public proxyServiceAnnotations(): { [key: string]: string } {
    // The installer already sets `cloud.google.com/neg` (the reference's standalone NEG) and the
    // external-dns hostname on the proxy Service; Cloud DNS needs nothing more.
    return {};
  }

  public addAddressRecords(scope: Construct, request: AddressRecordsRequest): void {
    const DnsRecordSet = provider.DnsRecordSet();
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
    if (this.privateZoneNetworks) invalid('GitpodDnsZone.parentZoneId', 'no parent zone for a private zone (it is answered inside its networks, not delegated)', request.parentZoneId);
    const DnsRecordSet = provider.DnsRecordSet();
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

  public handoverProps(): { [key: string]: any } {
    return {
      project: this.project,
      clusterProject: this.clusterProject,
      identity: this.identity,
      roleScope: this.roleScope,
      ...(this.privateZoneNetworks ? { privateZoneNetworks: this.privateZoneNetworks } : {}),
    };
  }

  private keySecret(scope: Construct, account: ServiceAccount, workload: DnsWorkload) {
    const ServiceAccountKey = provider.ServiceAccountKey();
    const secret = workload === DnsWorkload.CERT_MANAGER ? CERT_MANAGER_KEY_SECRET : EXTERNAL_DNS_KEY_SECRET;
    // `private_key` is a sensitive attribute: Terraform keeps it out of plans and logs.
    const key = new ServiceAccountKey(scope, 'key', { serviceAccountId: account.name });
    return { name: secret.name, data: { [secret.key]: cdktf().Fn.base64decode(key.privateKey) } };
  }
}

registerCloud('gcp', (props) => new GoogleCloudDns(props));
