// Azure DNS + AKS: the reference architecture's Azure tabs, with one Workload Identity per tool
// instead of the node-wide kubelet identity.
import { DataAzurermDnsZone } from '@cdktf/provider-azurerm/lib/data-azurerm-dns-zone';
import { DnsARecord } from '@cdktf/provider-azurerm/lib/dns-a-record';
import { DnsAaaaRecord } from '@cdktf/provider-azurerm/lib/dns-aaaa-record';
import { DnsNsRecord } from '@cdktf/provider-azurerm/lib/dns-ns-record';
import { DnsZone } from '@cdktf/provider-azurerm/lib/dns-zone';
import { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
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

/** How external-dns and cert-manager authenticate to Azure DNS. */
export enum AzureDnsIdentity {
  /**
   * Azure Workload Identity: a user-assigned managed identity per tool, trusted for exactly its
   * Kubernetes service account through a federated credential. The AKS cluster needs the OIDC
   * issuer and the workload identity webhook enabled.
   */
  WORKLOAD_IDENTITY = 'workload-identity',
  /**
   * The reference's way: the AKS kubelet identity gets `DNS Zone Contributor` on the zone.
   * Beware: every pod on the cluster's nodes, Gitpod workspaces included, can then change the
   * zone's records.
   */
  KUBELET_IDENTITY = 'kubelet-identity',
}

/** The Azure cloud the zone lives in (cert-manager's `azureDNS.environment`). */
export enum AzureEnvironment {
  /** Azure public cloud. */
  PUBLIC = 'AzurePublicCloud',
  /** Azure China. */
  CHINA = 'AzureChinaCloud',
  /** Azure Germany. */
  GERMANY = 'AzureGermanCloud',
  /** Azure US Government. */
  US_GOVERNMENT = 'AzureUSGovernmentCloud',
}

/** The AKS kubelet identity (`az aks show --query identityProfile.kubeletidentity`). */
export interface AzureKubeletIdentity {
  /** Its client id: written into the issuer manifest, so a literal GUID. */
  readonly clientId: string;
  /** Its object (principal) id, for the role assignment. A Terraform token is fine. */
  readonly objectId: string;
}

/** Properties of `AzureDns`. */
export interface AzureDnsProps {
  /** The subscription of the DNS zone (a GUID). */
  readonly subscriptionId: string;

  /** The Microsoft Entra tenant (a GUID). */
  readonly tenantId: string;

  /** The resource group of the DNS zone. */
  readonly resourceGroupName: string;

  /**
   * Azure region of the managed identities.
   * @example 'westeurope'
   * @default - required with `AzureDnsIdentity.WORKLOAD_IDENTITY`
   */
  readonly location?: string;

  /**
   * The AKS cluster's OIDC issuer URL (`oidc_issuer_url` of the cluster; a Terraform token is fine).
   * @default - required with `AzureDnsIdentity.WORKLOAD_IDENTITY`
   */
  readonly oidcIssuerUrl?: string;

  /**
   * How the workloads authenticate.
   * @default AzureDnsIdentity.WORKLOAD_IDENTITY
   */
  readonly identity?: AzureDnsIdentity;

  /**
   * The kubelet identity.
   * @default - required with `AzureDnsIdentity.KUBELET_IDENTITY`
   */
  readonly kubeletIdentity?: AzureKubeletIdentity;

  /**
   * The Azure cloud.
   * @default AzureEnvironment.PUBLIC
   */
  readonly environment?: AzureEnvironment;

  /**
   * Also give external-dns `Reader` on the zone's resource group, as the upstream external-dns
   * tutorial does. Read-only, but wider than the zone: set it if external-dns logs an
   * authorization error listing the resource group's zones.
   * @default false
   */
  readonly externalDnsResourceGroupReader?: boolean;
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const GUID_FORM = 'a GUID such as "00000000-0000-0000-0000-000000000000"';
const WORKLOAD_IDENTITY_LABEL = { 'azure.workload.identity/use': 'true' };
const AZURE_CONFIG_SECRET = { name: 'external-dns-azure', key: 'azure.json' };

/**
 * Azure DNS behind AKS: a DNS zone in a resource group, one user-assigned managed identity per
 * tool with `DNS Zone Contributor` on that zone only, federated with its Kubernetes service
 * account (Azure Workload Identity).
 *
 * Delegation: the reference hosts `gitpod.svcs.example.com` in a zone `svcs.example.com`; pass
 * `zoneName: 'svcs.example.com'` to `GitpodDnsZone` for that layout, then delegate
 * `svcs.example.com` to the `name_servers` output at its parent (or with `parentZoneId`).
 *
 * @example
 * const cloud = new AzureDns({
 *   subscriptionId, tenantId, resourceGroupName: 'gitpod', location: 'westeurope',
 *   oidcIssuerUrl: cluster.oidcIssuerUrl,
 * });
 */
export class AzureDns implements IGitpodCloud {
  public readonly cloudName = 'azure';
  /** The subscription of the zone. */
  public readonly subscriptionId: string;
  /** The tenant. */
  public readonly tenantId: string;
  /** The zone's resource group. */
  public readonly resourceGroupName: string;
  /** How the workloads authenticate. */
  public readonly identity: AzureDnsIdentity;
  private readonly props: AzureDnsProps;

  constructor(props: AzureDnsProps) {
    // These three are written into the issuer manifest and azure.json: literals only.
    this.subscriptionId = validateLiteral('AzureDns.subscriptionId', props?.subscriptionId, GUID, GUID_FORM);
    this.tenantId = validateLiteral('AzureDns.tenantId', props.tenantId, GUID, GUID_FORM);
    this.resourceGroupName = validateLiteral('AzureDns.resourceGroupName', props.resourceGroupName, /^[-\w._()]{1,89}[-\w_()]$/,
      'a resource group name: 1-90 letters, digits, "-", "_", ".", "(" or ")", not ending in "."');
    this.identity = props.identity ?? AzureDnsIdentity.WORKLOAD_IDENTITY;
    if (this.identity === AzureDnsIdentity.WORKLOAD_IDENTITY) {
      requireString('AzureDns.location', props.location, 'an Azure region such as "westeurope" (required for Workload Identity)');
      validatePattern('AzureDns.oidcIssuerUrl', props.oidcIssuerUrl, /^https:\/\/[^\s/]+(\/\S*)?$/,
        'the AKS OIDC issuer, an https URL (required for Workload Identity; `oidc_issuer_url` of the cluster)');
    } else {
      const kubelet = props.kubeletIdentity;
      if (!kubelet) invalid('AzureDns.kubeletIdentity', '{ clientId, objectId } of the AKS kubelet identity (required in KUBELET_IDENTITY mode)', kubelet);
      validateLiteral('AzureDns.kubeletIdentity.clientId', kubelet.clientId, GUID, GUID_FORM,
        'It goes into the issuer manifest: read it with `az aks show --query identityProfile.kubeletidentity.clientId`.');
      validatePattern('AzureDns.kubeletIdentity.objectId', kubelet.objectId, GUID, GUID_FORM);
    }
    this.props = props;
  }

  public bindZone(scope: Construct, request: DnsZoneRequest): DnsZoneAttributes {
    let zone: { id: string; nameServers: string[] };
    if (request.existingZoneId !== undefined) {
      validatePattern('GitpodDnsZone.existingZoneId', request.existingZoneId, /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/, 'an Azure DNS zone name such as "svcs.example.com"');
      if (request.existingZoneId !== request.zoneName) {
        invalid('GitpodDnsZone.existingZoneId', `the zone's DNS name, "${request.zoneName}" (set zoneName for a parent zone)`, request.existingZoneId);
      }
      zone = new DataAzurermDnsZone(scope, 'zone', { name: request.zoneName, resourceGroupName: this.resourceGroupName });
    } else {
      zone = new DnsZone(scope, 'zone', {
        name: request.zoneName,
        resourceGroupName: this.resourceGroupName,
        tags: GITPOD_TAGS,
      });
    }
    if (this.identity === AzureDnsIdentity.KUBELET_IDENTITY) {
      // One assignment for the node-wide identity both tools share (the reference's command).
      new RoleAssignment(scope, 'kubelet-dns-zone-contributor', {
        scope: zone.id,
        roleDefinitionName: 'DNS Zone Contributor',
        principalId: this.props.kubeletIdentity!.objectId,
      });
    }
    // The zone name is known at synth; the resource id only after apply.
    return { zoneName: request.zoneName, zoneId: zone.id, literalZoneId: request.zoneName, nameServers: zone.nameServers };
  }

  public bindExternalDns(scope: Construct, request: DnsWorkloadRequest): DnsWorkloadConfig {
    const azureConfig: { [key: string]: any } = {
      tenantId: this.tenantId,
      subscriptionId: this.subscriptionId,
      resourceGroup: this.resourceGroupName,
    };
    const values: { [key: string]: any } = {
      provider: { name: 'azure' },
      // external-dns reads /etc/kubernetes/azure.json by default (--azure-config-file).
      extraVolumes: [{ name: 'azure-config', secret: { secretName: AZURE_CONFIG_SECRET.name } }],
      extraVolumeMounts: [{ name: 'azure-config', mountPath: '/etc/kubernetes', readOnly: true }],
    };
    if (this.identity === AzureDnsIdentity.WORKLOAD_IDENTITY) {
      const identity = this.workloadIdentity(scope, 'external-dns', request);
      azureConfig.useWorkloadIdentityExtension = true;
      Object.assign(values, this.workloadIdentityValues(identity, request));
      if (this.props.externalDnsResourceGroupReader) {
        new RoleAssignment(scope, 'resource-group-reader', {
          scope: `/subscriptions/${this.subscriptionId}/resourceGroups/${this.resourceGroupName}`,
          roleDefinitionName: 'Reader',
          principalId: identity.principalId,
        });
      }
    } else {
      azureConfig.useManagedIdentityExtension = true;
      azureConfig.userAssignedIdentityID = this.props.kubeletIdentity!.clientId;
    }
    return { values, secret: { name: AZURE_CONFIG_SECRET.name, data: { [AZURE_CONFIG_SECRET.key]: JSON.stringify(azureConfig, undefined, 2) } } };
  }

  public bindCertManager(scope: Construct, request: DnsWorkloadRequest): DnsWorkloadConfig {
    if (this.identity === AzureDnsIdentity.KUBELET_IDENTITY) return { values: {} };
    const identity = this.workloadIdentity(scope, 'cert-manager', request);
    return { values: this.workloadIdentityValues(identity, request) };
  }

  public dns01Solver(request: Dns01SolverRequest): { [key: string]: any } {
    // With Workload Identity the webhook injects AZURE_CLIENT_ID from the service account's
    // annotation, so the new identity's client id (known only after apply) is not needed here.
    const clientID = this.identity === AzureDnsIdentity.KUBELET_IDENTITY ? this.props.kubeletIdentity!.clientId : undefined;
    return {
      azureDNS: {
        subscriptionID: this.subscriptionId,
        resourceGroupName: this.resourceGroupName,
        hostedZoneName: request.zone.literalZoneId,
        environment: this.props.environment ?? AzureEnvironment.PUBLIC,
        ...(clientID ? { managedIdentity: { clientID } } : {}),
      },
    };
  }

  public proxyServiceAnnotations(): { [key: string]: string } {
    return {};
  }

  public addAddressRecords(scope: Construct, request: AddressRecordsRequest): void {
    const Record = request.recordType === 'AAAA' ? DnsAaaaRecord : DnsARecord;
    request.names.forEach((name, i) => new Record(scope, `record-${i}`, {
      // Azure names records relative to the zone; "@" is the apex.
      name: name === request.zone.zoneName ? '@' : name.slice(0, -(request.zone.zoneName.length + 1)),
      zoneName: request.zone.zoneName,
      resourceGroupName: this.resourceGroupName,
      ttl: request.ttl,
      records: [request.address],
    }));
  }

  public addDelegation(scope: Construct, request: DelegationRequest): void {
    const parent = validatePattern('GitpodDnsZone.parentZoneId', request.parentZoneId, /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/, 'the parent Azure DNS zone name, e.g. "example.com"');
    if (!request.zone.zoneName.endsWith(`.${parent}`)) {
      invalid('GitpodDnsZone.parentZoneId', `a parent domain of "${request.zone.zoneName}"`, parent);
    }
    new DnsNsRecord(scope, 'delegation', {
      name: request.zone.zoneName.slice(0, -(parent.length + 1)),
      zoneName: parent,
      resourceGroupName: this.resourceGroupName,
      ttl: request.ttl,
      records: request.zone.nameServers,
    });
  }

  /** A user-assigned identity for one tool: federated with its service account, allowed on the zone. */
  private workloadIdentity(scope: Construct, workload: string, request: DnsWorkloadRequest): UserAssignedIdentity {
    const identity = new UserAssignedIdentity(scope, 'identity', {
      name: `gitpod-${workload}-${shortHash(request.domain.name)}`,
      resourceGroupName: this.resourceGroupName,
      location: this.props.location!,
      tags: GITPOD_TAGS,
    });
    new FederatedIdentityCredential(scope, 'federated-credential', {
      name: `${request.namespaceName}-${request.serviceAccountName}`,
      resourceGroupName: this.resourceGroupName,
      parentId: identity.id,
      issuer: this.props.oidcIssuerUrl!,
      subject: `system:serviceaccount:${request.namespaceName}:${request.serviceAccountName}`,
      audience: ['api://AzureADTokenExchange'],
    });
    new RoleAssignment(scope, 'dns-zone-contributor', {
      scope: request.zone.zoneId,
      roleDefinitionName: 'DNS Zone Contributor',
      principalId: identity.principalId,
    });
    return identity;
  }

  /** The pod label that turns the webhook on, and the client id it injects. */
  private workloadIdentityValues(identity: UserAssignedIdentity, request: DnsWorkloadRequest): { [key: string]: any } {
    return {
      podLabels: WORKLOAD_IDENTITY_LABEL,
      serviceAccount: {
        create: true,
        name: request.serviceAccountName,
        labels: WORKLOAD_IDENTITY_LABEL,
        annotations: { 'azure.workload.identity/client-id': identity.clientId },
      },
    };
  }
}
