// The only module that names @cdktf/provider-cloudflare: each class is required on first use (src/internal/lazy.ts).
import { providerClass } from '../../internal/lazy';

const PKG = '@cdktf/provider-cloudflare';

export const Zone = providerClass<typeof import('@cdktf/provider-cloudflare/lib/zone').Zone>(PKG, 'CloudflareDns', 'zone', 'Zone');
export const DataCloudflareZone = providerClass<typeof import('@cdktf/provider-cloudflare/lib/data-cloudflare-zone').DataCloudflareZone>(PKG, 'CloudflareDns', 'data-cloudflare-zone', 'DataCloudflareZone');
export const AccountToken = providerClass<typeof import('@cdktf/provider-cloudflare/lib/account-token').AccountToken>(PKG, 'CloudflareDns', 'account-token', 'AccountToken');
export const DataCloudflareAccountApiTokenPermissionGroupsList = providerClass<typeof import('@cdktf/provider-cloudflare/lib/data-cloudflare-account-api-token-permission-groups-list').DataCloudflareAccountApiTokenPermissionGroupsList>(PKG, 'CloudflareDns', 'data-cloudflare-account-api-token-permission-groups-list', 'DataCloudflareAccountApiTokenPermissionGroupsList');
export const DnsRecord = providerClass<typeof import('@cdktf/provider-cloudflare/lib/dns-record').DnsRecord>(PKG, 'CloudflareDns', 'dns-record', 'DnsRecord');
