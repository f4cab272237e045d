// The only module that imports @cdktf/provider-azurerm; AzureDns loads it on first use.
export { DataAzurermDnsZone } from '@cdktf/provider-azurerm/lib/data-azurerm-dns-zone';
export { DnsARecord } from '@cdktf/provider-azurerm/lib/dns-a-record';
export { DnsAaaaRecord } from '@cdktf/provider-azurerm/lib/dns-aaaa-record';
export { DnsNsRecord } from '@cdktf/provider-azurerm/lib/dns-ns-record';
export { DnsZone } from '@cdktf/provider-azurerm/lib/dns-zone';
export { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
export { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
export { RoleDefinition } from '@cdktf/provider-azurerm/lib/role-definition';
export { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
