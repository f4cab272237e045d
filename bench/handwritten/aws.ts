// The AWS example (example/aws.ts) written by hand: the same Terraform, no library.
import { DataAwsIamPolicyDocument, DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { App, TerraformStack } from 'cdktf';
import { certManager, clusterProviders, DOMAIN, externalDns, issuerStack, TAGS, ZONE_DESCRIPTION, zoneOutputs, KEEP } from './shared';

export function awsByHand(app: App): void {
  const region = 'eu-west-1';
  const kubeContext = 'arn:aws:eks:eu-west-1:111122223333:cluster/gitpod';
  const oidcProviderArn = 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
  const issuer = oidcProviderArn.split(':oidc-provider/')[1];

  const stack = new TerraformStack(app, 'gitpod-aws');
  new AwsProvider(stack, 'aws', { region });
  clusterProviders(stack, kubeContext);
  const zone = new Route53Zone(stack, 'zone', { name: DOMAIN, comment: ZONE_DESCRIPTION, tags: TAGS, lifecycle: KEEP });
  zoneOutputs(stack, 'aws', zone.nameServers, zone.zoneId);
  const zoneArn = `arn:aws:route53:::hostedzone/${zone.zoneId}`;

  // One IAM role per tool, assumed through IRSA by the tool's service account only.
  const role = (tool: string, statement: DataAwsIamPolicyDocumentStatement[]) => {
    const trust = new DataAwsIamPolicyDocument(stack, `${tool}-trust`, {
      statement: [{
        actions: ['sts:AssumeRoleWithWebIdentity'],
        principals: [{ type: 'Federated', identifiers: [oidcProviderArn] }],
        condition: [
          { test: 'StringEquals', variable: `${issuer}:sub`, values: [`system:serviceaccount:${tool}:${tool}`] },
          { test: 'StringEquals', variable: `${issuer}:aud`, values: ['sts.amazonaws.com'] },
        ],
      }],
    });
    const iamRole = new IamRole(stack, `${tool}-role`, {
      name: `gitpod-${tool}-c1c45c`,
      description: `Gitpod ${tool} for ${DOMAIN}: Route53 records in ${DOMAIN}`,
      assumeRolePolicy: trust.json,
      tags: TAGS,
    });
    const policy = new DataAwsIamPolicyDocument(stack, `${tool}-policy`, { statement });
    new IamRolePolicy(stack, `${tool}-route53`, { name: 'route53', role: iamRole.id, policy: policy.json });
    return { 'eks.amazonaws.com/role-arn': iamRole.arn };
  };
  const externalDnsRole = role('external-dns', [
    { sid: 'ChangeRecordsInTheGitpodZone', actions: ['route53:ChangeResourceRecordSets'], resources: [zoneArn] },
    { sid: 'ReadTheGitpodZone', actions: ['route53:ListResourceRecordSets', 'route53:ListTagsForResources'], resources: [zoneArn] },
    { sid: 'FindZones', actions: ['route53:ListHostedZones'], resources: ['*'] },
  ]);
  const certManagerRole = role('cert-manager', [
    { sid: 'WatchChanges', actions: ['route53:GetChange'], resources: ['arn:aws:route53:::change/*'] },
    {
      sid: 'WriteChallengeRecords',
      actions: ['route53:ChangeResourceRecordSets'],
      resources: [zoneArn],
      condition: [
        { test: 'ForAllValues:StringEquals', variable: 'route53:ChangeResourceRecordSetsRecordTypes', values: ['TXT'] },
        { test: 'ForAllValues:StringLike', variable: 'route53:ChangeResourceRecordSetsNormalizedRecordNames', values: ['_acme-challenge.*'] },
      ],
    },
    { sid: 'ReadTheGitpodZone', actions: ['route53:ListResourceRecordSets'], resources: [zoneArn] },
    { sid: 'FindTheZoneByName', actions: ['route53:ListHostedZonesByName'], resources: ['*'] },
  ]);

  externalDns(stack, { annotations: externalDnsRole }, {
    provider: { name: 'aws' },
    env: [{ name: 'AWS_DEFAULT_REGION', value: region }],
    extraArgs: { 'aws-zone-type': 'public', 'zone-id-filter': zone.zoneId },
    podSecurityContext: { fsGroup: 65534 },
  });
  // The webhook in the host network (EKS with Calico), and the pod security context the reference patches in.
  const webhook = { hostNetwork: true, securePort: 10260 };
  certManager(stack, { annotations: certManagerRole }, { securityContext: { fsGroup: 1001, runAsNonRoot: true } }, webhook);

  issuerStack(app, 'gitpod-aws-issuer', kubeContext, stack, { route53: { region } });
}
