// The only module that imports @cdktf/provider-google; GoogleCloudDns loads it on first use.
export { DataGoogleDnsManagedZone } from '@cdktf/provider-google/lib/data-google-dns-managed-zone';
export { DnsManagedZone } from '@cdktf/provider-google/lib/dns-managed-zone';
export { DnsManagedZoneIamMember } from '@cdktf/provider-google/lib/dns-managed-zone-iam-member';
export { DnsRecordSet } from '@cdktf/provider-google/lib/dns-record-set';
export { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
export { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
export { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
export { ServiceAccountKey } from '@cdktf/provider-google/lib/service-account-key';
