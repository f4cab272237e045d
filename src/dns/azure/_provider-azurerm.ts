// The only module that names @cdktf/provider-azurerm: each class is required on first use (src/internal/lazy.ts).
import { providerClass } from '../../internal/lazy';

const PKG = '@cdktf/provider-azurerm';

export const DataAzurermDnsZone = providerClass<typeof import('@cdktf/provider-azurerm/lib/data-azurerm-dns-zone').DataAzurermDnsZone>(PKG, 'AzureDns', 'data-azurerm-dns-zone', 'DataAzurermDnsZone');
export const DnsARecord = providerClass<typeof import('@cdktf/provider-azurerm/lib/dns-a-record').DnsARecord>(PKG, 'AzureDns', 'dns-a-record', 'DnsARecord');
export const DnsAaaaRecord = providerClass<typeof import('@cdktf/provider-azurerm/lib/dns-aaaa-record').DnsAaaaRecord>(PKG, 'AzureDns', 'dns-aaaa-record', 'DnsAaaaRecord');
export const DnsNsRecord = providerClass<typeof import('@cdktf/provider-azurerm/lib/dns-ns-record').DnsNsRecord>(PKG, 'AzureDns', 'dns-ns-record', 'DnsNsRecord');
export const DnsZone = providerClass<typeof import('@cdktf/provider-azurerm/lib/dns-zone').DnsZone>(PKG, 'AzureDns', 'dns-zone', 'DnsZone');
export const FederatedIdentityCredential = providerClass<typeof import('@cdktf/provider-azurerm/lib/federated-identity-credential').FederatedIdentityCredential>(PKG, 'AzureDns', 'federated-identity-credential', 'FederatedIdentityCredential');
export const RoleAssignment = providerClass<typeof import('@cdktf/provider-azurerm/lib/role-assignment').RoleAssignment>(PKG, 'AzureDns', 'role-assignment', 'RoleAssignment');
export const RoleDefinition = providerClass<typeof import('@cdktf/provider-azurerm/lib/role-definition').RoleDefinition>(PKG, 'AzureDns', 'role-definition', 'RoleDefinition');
export const UserAssignedIdentity = providerClass<typeof import('@cdktf/provider-azurerm/lib/user-assigned-identity').UserAssignedIdentity>(PKG, 'AzureDns', 'user-assigned-identity', 'UserAssignedIdentity');
export const DataAzurermPrivateDnsZone = providerClass<typeof import('@cdktf/provider-azurerm/lib/data-azurerm-private-dns-zone').DataAzurermPrivateDnsZone>(PKG, 'AzureDns', 'data-azurerm-private-dns-zone', 'DataAzurermPrivateDnsZone');
export const PrivateDnsARecord = providerClass<typeof import('@cdktf/provider-azurerm/lib/private-dns-a-record').PrivateDnsARecord>(PKG, 'AzureDns', 'private-dns-a-record', 'PrivateDnsARecord');
export const PrivateDnsAaaaRecord = providerClass<typeof import('@cdktf/provider-azurerm/lib/private-dns-aaaa-record').PrivateDnsAaaaRecord>(PKG, 'AzureDns', 'private-dns-aaaa-record', 'PrivateDnsAaaaRecord');
export const PrivateDnsZone = providerClass<typeof import('@cdktf/provider-azurerm/lib/private-dns-zone').PrivateDnsZone>(PKG, 'AzureDns', 'private-dns-zone', 'PrivateDnsZone');
export const PrivateDnsZoneVirtualNetworkLink = providerClass<typeof import('@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link').PrivateDnsZoneVirtualNetworkLink>(PKG, 'AzureDns', 'private-dns-zone-virtual-network-link', 'PrivateDnsZoneVirtualNetworkLink');
