// The only module that names @cdktf/provider-google: each class is required on first use (src/internal/lazy.ts).
import { providerClass } from '../../internal/lazy';

const PKG = '@cdktf/provider-google';

export const DataGoogleDnsManagedZone = providerClass<typeof import('@cdktf/provider-google/lib/data-google-dns-managed-zone').DataGoogleDnsManagedZone>(PKG, 'GoogleCloudDns', 'data-google-dns-managed-zone', 'DataGoogleDnsManagedZone');
export const DnsManagedZone = providerClass<typeof import('@cdktf/provider-google/lib/dns-managed-zone').DnsManagedZone>(PKG, 'GoogleCloudDns', 'dns-managed-zone', 'DnsManagedZone');
export const DnsManagedZoneIamMember = providerClass<typeof import('@cdktf/provider-google/lib/dns-managed-zone-iam-member').DnsManagedZoneIamMember>(PKG, 'GoogleCloudDns', 'dns-managed-zone-iam-member', 'DnsManagedZoneIamMember');
export const DnsRecordSet = providerClass<typeof import('@cdktf/provider-google/lib/dns-record-set').DnsRecordSet>(PKG, 'GoogleCloudDns', 'dns-record-set', 'DnsRecordSet');
export const ProjectIamMember = providerClass<typeof import('@cdktf/provider-google/lib/project-iam-member').ProjectIamMember>(PKG, 'GoogleCloudDns', 'project-iam-member', 'ProjectIamMember');
export const ServiceAccount = providerClass<typeof import('@cdktf/provider-google/lib/service-account').ServiceAccount>(PKG, 'GoogleCloudDns', 'service-account', 'ServiceAccount');
export const ServiceAccountIamMember = providerClass<typeof import('@cdktf/provider-google/lib/service-account-iam-member').ServiceAccountIamMember>(PKG, 'GoogleCloudDns', 'service-account-iam-member', 'ServiceAccountIamMember');
export const ServiceAccountKey = providerClass<typeof import('@cdktf/provider-google/lib/service-account-key').ServiceAccountKey>(PKG, 'GoogleCloudDns', 'service-account-key', 'ServiceAccountKey');
export const PublicCaExternalAccountKey = providerClass<typeof import('@cdktf/provider-google/lib/public-ca-external-account-key').PublicCaExternalAccountKey>(PKG, 'GitpodExternalAccountKey', 'public-ca-external-account-key', 'PublicCaExternalAccountKey');
