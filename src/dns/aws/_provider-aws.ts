// The only module that names @cdktf/provider-aws: each class is required on first use (src/internal/lazy.ts).
import { providerClass } from '../../internal/lazy';

const PKG = '@cdktf/provider-aws';

export const DataAwsIamPolicyDocument = providerClass<typeof import('@cdktf/provider-aws/lib/data-aws-iam-policy-document').DataAwsIamPolicyDocument>(PKG, 'AwsRoute53', 'data-aws-iam-policy-document', 'DataAwsIamPolicyDocument');
export const DataAwsRoute53Zone = providerClass<typeof import('@cdktf/provider-aws/lib/data-aws-route53-zone').DataAwsRoute53Zone>(PKG, 'AwsRoute53', 'data-aws-route53-zone', 'DataAwsRoute53Zone');
export const EksPodIdentityAssociation = providerClass<typeof import('@cdktf/provider-aws/lib/eks-pod-identity-association').EksPodIdentityAssociation>(PKG, 'AwsRoute53', 'eks-pod-identity-association', 'EksPodIdentityAssociation');
export const IamRole = providerClass<typeof import('@cdktf/provider-aws/lib/iam-role').IamRole>(PKG, 'AwsRoute53', 'iam-role', 'IamRole');
export const IamRolePolicy = providerClass<typeof import('@cdktf/provider-aws/lib/iam-role-policy').IamRolePolicy>(PKG, 'AwsRoute53', 'iam-role-policy', 'IamRolePolicy');
export const Route53Record = providerClass<typeof import('@cdktf/provider-aws/lib/route53-record').Route53Record>(PKG, 'AwsRoute53', 'route53-record', 'Route53Record');
export const Route53Zone = providerClass<typeof import('@cdktf/provider-aws/lib/route53-zone').Route53Zone>(PKG, 'AwsRoute53', 'route53-zone', 'Route53Zone');
