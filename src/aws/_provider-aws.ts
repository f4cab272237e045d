// The only module that imports @cdktf/provider-aws; AwsRoute53 loads it on first use.
export { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
export { DataAwsRoute53Zone } from '@cdktf/provider-aws/lib/data-aws-route53-zone';
export { EksPodIdentityAssociation } from '@cdktf/provider-aws/lib/eks-pod-identity-association';
export { IamRole } from '@cdktf/provider-aws/lib/iam-role';
export { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
export { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
export { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
