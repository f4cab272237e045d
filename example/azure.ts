// Azure: Azure DNS + AKS with Azure Workload Identity (one managed identity per tool).
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { clusterProviders, DOMAIN, EMAIL } from './shared';
import { AzureDns, GitpodCertManager, GitpodDnsZone, GitpodExternalDns, GitpodIssuer, GitpodManifests, GitpodManifestsApp } from '../src';

export function azureExample(app: App, manifests: GitpodManifestsApp): void {
  const subscriptionId = '00000000-0000-0000-0000-000000000000';
  const kubeContext = 'gitpod';

  // Stack 1: DNS zone, managed identities, external-dns and cert-manager (with its CRDs).
  const stack = new TerraformStack(app, 'gitpod-azure');
  new AzurermProvider(stack, 'azurerm', { features: [{}], subscriptionId });
  clusterProviders(stack, kubeContext);
  const cloud = new AzureDns({
    subscriptionId,
    tenantId: '11111111-1111-1111-1111-111111111111',
    resourceGroupName: 'gitpod',
    location: 'westeurope',
    // In a real app: the AKS cluster's `oidcIssuerUrl` attribute (a token is fine).
    oidcIssuerUrl: 'https://westeurope.oic.prod-aks.azure.com/11111111-1111-1111-1111-111111111111/22222222-2222-2222-2222-222222222222/',
  });
  const zone = new GitpodDnsZone(stack, 'zone', { cloud, domain: DOMAIN });
  new GitpodExternalDns(stack, 'external-dns', { zone });
  new GitpodCertManager(stack, 'cert-manager', { zone });

  // The ClusterIssuer and the Certificate: dist/gitpod-azure-issuer.k8s.yaml, applied by stack 2.
  const issuer = new GitpodIssuer(manifests, 'gitpod-azure-issuer', { zone, email: EMAIL });
  const cluster = new TerraformStack(app, 'gitpod-azure-issuer');
  clusterProviders(cluster, kubeContext);
  new GitpodManifests(cluster, 'issuer', { chart: issuer, after: [stack] });
}
