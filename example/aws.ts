// AWS: Route53 + EKS with IAM roles for service accounts (IRSA).
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { clusterProviders, DOMAIN, EMAIL } from './shared';
import { AwsRoute53, GitpodCertManager, GitpodDnsZone, GitpodExternalDns, GitpodIssuer, GitpodManifests, GitpodManifestsApp } from '../src';

export function awsExample(app: App, manifests: GitpodManifestsApp): void {
  const region = 'eu-west-1';
  const kubeContext = 'arn:aws:eks:eu-west-1:111122223333:cluster/gitpod';
  // In a real app: the `arn` of the cluster's aws_iam_openid_connect_provider (a token is fine).
  const oidcProviderArn = 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';

  // Stack 1: hosted zone, IRSA roles, external-dns and cert-manager (with its CRDs).
  const stack = new TerraformStack(app, 'gitpod-aws');
  new AwsProvider(stack, 'aws', { region });
  clusterProviders(stack, kubeContext);
  const zone = new GitpodDnsZone(stack, 'zone', { cloud: new AwsRoute53({ region, oidcProviderArn }), domain: DOMAIN });
  new GitpodExternalDns(stack, 'external-dns', { zone });
  new GitpodCertManager(stack, 'cert-manager', { zone });

  // The ClusterIssuer and the Certificate: dist/gitpod-aws-issuer.k8s.yaml, applied by stack 2.
  const issuer = new GitpodIssuer(manifests, 'gitpod-aws-issuer', { zone, email: EMAIL });
  const cluster = new TerraformStack(app, 'gitpod-aws-issuer');
  clusterProviders(cluster, kubeContext);
  new GitpodManifests(cluster, 'issuer', { chart: issuer, after: [stack] });
}
