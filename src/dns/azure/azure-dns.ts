// Azure DNS + AKS: the reference architecture's Azure tabs, with one Workload Identity per tool
// instead of the node-wide kubelet identity.
import type { TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import * as provider from './_provider-azurerm';
import { shortHash } from '../../internal/hash';
import { withoutUndefined } from '../../internal/objects';
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

/** The right external-dns gets to list the DNS zones of the zone's resource group. */
export enum AzureZoneListing {
  /**
   * A custom role holding only `Microsoft.Network/dnsZones/read`, assigned on the resource group:
   * external-dns can list the group's zones (and read their metadata), not their records and
   * nothing else in the group. Creating it needs `Microsoft.Authorization/roleDefinitions/write`
   * (Owner or User Access Administrator on the group).
   */
  CUSTOM_ROLE = 'custom-role',
  /**
   * The built-in `Reader` role on the resource group, as the upstream external-dns tutorial does:
   * read access to everything in the group. For deployers who may assign roles but not define them.
   */
  READER = 'reader',
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
   * How external-dns may list the resource group's DNS zones. It must: external-dns v0.21.0 finds
   * its zone by listing the group (`NewListByResourceGroupPager` in provider/azure/azure.go), which
   * `DNS Zone Contributor` on the zone alone does not allow (a 403, external-dns issue #1973).
   * @default AzureZoneListing.CUSTOM_ROLE
   */
  readonly externalDnsZoneListing?: AzureZoneListing;

  /**
   * Make the zone an Azure Private DNS zone linked to these virtual networks (their resource ids;
   * Terraform tokens are fine): split-horizon DNS. The tools then get `Private DNS Zone
   * Contributor` on it, and external-dns uses its `azure-private-dns` provider. cert-manager cannot
   * solve ACME challenges in a private zone: give GitpodIssuer the public one.
   * @default - a public Azure DNS zone
   */
  readonly privateZoneVirtualNetworkIds?: string[];
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
  private readonly environment: AzureEnvironment;
  private readonly zoneListing: AzureZoneListing;
  /** True if the zone is private (answered inside its virtual networks only): its certificate comes from the internal CA. */
  public readonly privateZone?: boolean;
  private readonly privateNetworks?: string[];

  constructor(props: AzureDnsProps) {
    // These three are written into the issuer manifest and azure.json: literals only.
    this.subscriptionId = validateLiteral('AzureDns.subscriptionId', props?.subscriptionId, GUID, GUID_FORM);
    this.tenantId = validateLiteral('AzureDns.tenantId', props.tenantId, GUID, GUID_FORM);
    this.resourceGroupName = validateLiteral('AzureDns.resourceGroupName', props.resourceGroupName, /^[-\w._()]{0,89}[-\w_()]$/,
      'a resource group name: 1-90 letters, digits, "-", "_", ".", "(" or ")", not ending in "."');
    this.identity = validateEnum('AzureDns.identity', props.identity, AzureDnsIdentity, 'AzureDnsIdentity', AzureDnsIdentity.WORKLOAD_IDENTITY);
    this.environment = validateEnum('AzureDns.environment', props.environment, AzureEnvironment, 'AzureEnvironment', AzureEnvironment.PUBLIC);
    this.zoneListing = validateEnum('AzureDns.externalDnsZoneListing', props.externalDnsZoneListing, AzureZoneListing, 'AzureZoneListing', AzureZoneListing.CUSTOM_ROLE);
    if (props.privateZoneVirtualNetworkIds !== undefined) {
      validateList('AzureDns.privateZoneVirtualNetworkIds', props.privateZoneVirtualNetworkIds, 'one or more virtual network ids', (property, id) => validatePattern(property, id,
        /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+$/i,
        'a virtual network id such as "/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<name>"'));
    }
    this.privateNetworks = props.privateZoneVirtualNetworkIds;
    this.privateZone = props.privateZoneVirtualNetworkIds !== undefined;
    if (this.identity === AzureDnsIdentity.WORKLOAD_IDENTITY) {
      validatePattern('AzureDns.location', props.location, /^[a-z][a-z0-9]{1,39}$/, 'an Azure region name such as "westeurope" (required for Workload Identity)');
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
    let zone: { id: string; nameServers?: string[] };
    let zoneResource: TerraformResource | undefined;
    if (request.existingZoneId !== undefined) {
      validatePattern('GitpodDnsZone.existingZoneId', request.existingZoneId, /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/, 'an Azure DNS zone name such as "svcs.example.com"');
      if (request.existingZoneId !== request.zoneName) {
        invalid('GitpodDnsZone.existingZoneId', `the zone's DNS name, "${request.zoneName}" (set zoneName for a parent zone)`, request.existingZoneId);
      }
      const Existing = this.privateNetworks ? provider.DataAzurermPrivateDnsZone() : provider.DataAzurermDnsZone();
      zone = new Existing(scope, 'zone', { name: request.zoneName, resourceGroupName: this.resourceGroupName });
    } else if (this.privateNetworks) {
      const PrivateDnsZone = provider.PrivateDnsZone();
      const Link = provider.PrivateDnsZoneVirtualNetworkLink();
      const privateZone = new PrivateDnsZone(scope, 'zone', { name: request.zoneName, resourceGroupName: this.resourceGroupName, tags: GITPOD_TAGS });
      // Answered inside these networks; records are external-dns's, not the VMs' (no registration).
      this.privateNetworks.forEach((virtualNetworkId, i) => new Link(scope, `network-link-${i}`, {
        name: `gitpod-${i}`,
        privateDnsZoneName: privateZone.name,
        resourceGroupName: this.resourceGroupName,
        virtualNetworkId,
        registrationEnabled: false,
        tags: GITPOD_TAGS,
      }));
      zone = zoneResource = privateZone;
    } else {
      const DnsZone = provider.DnsZone();
      zone = zoneResource = new DnsZone(scope, 'zone', { name: request.zoneName, resourceGroupName: this.resourceGroupName, tags: GITPOD_TAGS });
    }
    if (this.identity === AzureDnsIdentity.KUBELET_IDENTITY) {
      // One assignment for the node-wide identity both tools share (the reference's command).
      const RoleAssignment = provider.RoleAssignment();
      new RoleAssignment(scope, 'kubelet-dns-zone-contributor', {
        scope: zone.id,
        roleDefinitionName: this.zoneContributor(),
        principalId: this.props.kubeletIdentity!.objectId,
      });
    }
    // The zone name is known at synth; the resource id only after apply. A private zone is not delegated.
    return { zoneName: request.zoneName, zoneId: zone.id, literalZoneId: request.zoneName, nameServers: zone.nameServers ?? [], zoneResource };
  }

  public bindWorkload(scope: Construct, request: DnsWorkloadRequest): DnsWorkloadBinding {
    let principalId = this.props.kubeletIdentity?.objectId;
    let identity: string | undefined;
    if (this.identity === AzureDnsIdentity.WORKLOAD_IDENTITY) {
      // A user-assigned identity for one tool: federated with its service account, allowed on the zone.
      const assigned = new (provider.UserAssignedIdentity())(scope, 'identity', {
        name: `gitpod-${request.workload}-${identityHash(request)}`,
        resourceGroupName: this.resourceGroupName,
        location: this.props.location!,
        tags: GITPOD_TAGS,
      });
      new (provider.FederatedIdentityCredential())(scope, 'federated-credential', {
        name: `${request.namespaceName}-${request.serviceAccountName}`,
        resourceGroupName: this.resourceGroupName,
        parentId: assigned.id,
        issuer: this.props.oidcIssuerUrl!,
        subject: `system:serviceaccount:${request.namespaceName}:${request.serviceAccountName}`,
        audience: ['api://AzureADTokenExchange'],
      });
      new (provider.RoleAssignment())(scope, 'dns-zone-contributor', {
        scope: request.zone.zoneId,
        roleDefinitionName: this.zoneContributor(),
        principalId: assigned.principalId,
      });
      principalId = assigned.principalId;
      identity = assigned.clientId;
    }
    if (request.workload === DnsWorkload.EXTERNAL_DNS) this.allowZoneListing(scope, request, principalId!);
    return { identity };
  }

  public workloadValues(request: DnsWorkloadValuesRequest): DnsWorkloadConfig {
    const workloadIdentity = this.identity === AzureDnsIdentity.WORKLOAD_IDENTITY;
    // The pod label turns the workload identity webhook on; it injects the client id annotated here.
    const identityValues = workloadIdentity ? {
      podLabels: WORKLOAD_IDENTITY_LABEL,
      serviceAccount: {
        create: true,
        name: request.serviceAccountName,
        labels: WORKLOAD_IDENTITY_LABEL,
        annotations: { 'azure.workload.identity/client-id': requireIdentity(request, GUID, 'a client id (GUID)') },
      },
    } : {};
    if (request.workload === DnsWorkload.CERT_MANAGER) return { values: identityValues };
    // azure.json holds no credential: tenant, subscription, resource group and how to log in.
    const azureConfig = {
      tenantId: this.tenantId,
      subscriptionId: this.subscriptionId,
      resourceGroup: this.resourceGroupName,
      ...(workloadIdentity
        ? { useWorkloadIdentityExtension: true }
        : { useManagedIdentityExtension: true, userAssignedIdentityID: this.props.kubeletIdentity!.clientId }),
    };
    return {
      values: {
        // The same azure.json serves both providers (provider/azure/config.go@v0.21.0).
        provider: { name: this.privateNetworks ? 'azure-private-dns' : 'azure' },
        // external-dns reads /etc/kubernetes/azure.json by default (--azure-config-file).
        extraVolumes: [{ name: 'azure-config', secret: { secretName: AZURE_CONFIG_SECRET.name } }],
        extraVolumeMounts: [{ name: 'azure-config', mountPath: '/etc/kubernetes', readOnly: true }],
        ...identityValues,
      },
      secret: { name: AZURE_CONFIG_SECRET.name, data: { [AZURE_CONFIG_SECRET.key]: JSON.stringify(azureConfig, undefined, 2) } },
    };
  }

  public dns01Solver(request: Dns01SolverRequest): { [key: string]: any } {
    if (this.privateNetworks) refusePrivateZoneForAcme('Azure');
    // With Workload Identity the webhook injects AZURE_CLIENT_ID from the service account's
    // annotation, so the new identity's client id (known only after apply) is not needed here.
    const clientID = this.identity === AzureDnsIdentity.KUBELET_IDENTITY ? this.props.kubeletIdentity!.clientId : undefined;
    return {
      azureDNS: {
        subscriptionID: this.subscriptionId,
        resourceGroupName: this.resourceGroupName,
        hostedZoneName: request.zoneId ?? request.zoneName,
        environment: this.environment,
        ...(clientID ? { managedIdentity: { clientID } } : {}),
      },
    };
  }

  public proxyServiceAnnotations(): { [key: string]: string } {
    // AKS provisions a public Standard load balancer for the proxy Service with no annotation
    // ("No additional configuration is required", the reference's Azure tab).
    return {};
  }

  public addAddressRecords(scope: Construct, request: AddressRecordsRequest): void {
    // Only the class of the record type and zone kind is loaded.
    const aaaa = request.recordType === 'AAAA';
    const Record = this.privateNetworks
      ? (aaaa ? provider.PrivateDnsAaaaRecord() : provider.PrivateDnsARecord())
      : (aaaa ? provider.DnsAaaaRecord() : provider.DnsARecord());
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
    if (this.privateNetworks) invalid('GitpodDnsZone.parentZoneId', 'no parent zone for a private zone (it is answered inside its networks, not delegated)', request.parentZoneId);
    const DnsNsRecord = provider.DnsNsRecord();
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

  public handoverProps(): { [key: string]: any } {
    const { location, oidcIssuerUrl, kubeletIdentity } = this.props;
    return withoutUndefined({
      subscriptionId: this.subscriptionId,
      tenantId: this.tenantId,
      resourceGroupName: this.resourceGroupName,
      location,
      oidcIssuerUrl,
      identity: this.identity,
      kubeletIdentity,
      environment: this.environment,
      externalDnsZoneListing: this.zoneListing,
      privateZoneVirtualNetworkIds: this.privateNetworks,
    });
  }

  /** The built-in role that may change records in the zone. */
  private zoneContributor(): string {
    return this.privateNetworks ? 'Private DNS Zone Contributor' : 'DNS Zone Contributor';
  }

  /** Lets external-dns list the resource group's zones: the narrowest right that allows it. */
  private allowZoneListing(scope: Construct, request: DnsWorkloadRequest, principalId: string): void {
    const RoleAssignment = provider.RoleAssignment();
    const resourceGroup = `/subscriptions/${this.subscriptionId}/resourceGroups/${this.resourceGroupName}`;
    if (this.zoneListing === AzureZoneListing.READER) {
      new RoleAssignment(scope, 'resource-group-reader', { scope: resourceGroup, roleDefinitionName: 'Reader', principalId });
      return;
    }
    // Custom role names are unique per tenant: one role per external-dns.
    const kind = this.privateNetworks ? 'private DNS zones' : 'DNS zones';
    const own = request.namespaceName === request.workload && request.serviceAccountName === request.workload;
    const hash = own && !this.privateNetworks
      ? shortHash(this.subscriptionId, this.resourceGroupName, request.domain.name)
      : shortHash(this.subscriptionId, this.resourceGroupName, request.domain.name, kind, request.namespaceName, request.serviceAccountName);
    const role = new (provider.RoleDefinition())(scope, 'zone-lister', {
      name: `Gitpod DNS zone lister ${hash}`,
      scope: resourceGroup,
      description: `Lists the ${kind} of ${this.resourceGroupName}, for Gitpod's external-dns (${request.domain.name}).`,
      // external-dns lists the group's zones (NewListByResourceGroupPager, provider/azure@v0.21.0).
      permissions: [{ actions: [this.privateNetworks ? 'Microsoft.Network/privateDnsZones/read' : 'Microsoft.Network/dnsZones/read'] }],
      assignableScopes: [resourceGroup],
    });
    new RoleAssignment(scope, 'zone-lister-assignment', { scope: resourceGroup, roleDefinitionId: role.roleDefinitionResourceId, principalId });
  }
}

registerCloud('azure', (props) => new AzureDns(props));
