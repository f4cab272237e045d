// The Azure example (example/azure.ts) written by hand: the same Terraform, no library.
import { DnsZone } from '@cdktf/provider-azurerm/lib/dns-zone';
import { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { RoleDefinition } from '@cdktf/provider-azurerm/lib/role-definition';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { App, TerraformStack } from 'cdktf';
import { certManager, clusterProviders, DOMAIN, externalDns, issuerStack, TAGS, zoneOutputs, KEEP } from './shared';

export function azureByHand(app: App): void {
  const subscriptionId = '00000000-0000-0000-0000-000000000000';
  const tenantId = '11111111-1111-1111-1111-111111111111';
  const resourceGroupName = 'gitpod';
  const resourceGroup = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroupName}`;
  const oidcIssuerUrl = 'https://westeurope.oic.prod-aks.azure.com/11111111-1111-1111-1111-111111111111/22222222-2222-2222-2222-222222222222/';
  const kubeContext = 'gitpod';

  const stack = new TerraformStack(app, 'gitpod-azure');
  new AzurermProvider(stack, 'azurerm', { features: [{}], subscriptionId });
  clusterProviders(stack, kubeContext);
  const zone = new DnsZone(stack, 'zone', { name: DOMAIN, resourceGroupName, tags: TAGS, lifecycle: KEEP });
  zoneOutputs(stack, 'azure', zone.nameServers, zone.id);

  // One managed identity per tool, federated with its service account, DNS Zone Contributor on the zone.
  const identity = (tool: string) => {
    const id = new UserAssignedIdentity(stack, `${tool}-identity`, { name: `gitpod-${tool}-c1c45c`, location: 'westeurope', resourceGroupName, tags: TAGS });
    new FederatedIdentityCredential(stack, `${tool}-federated-credential`, {
      name: `${tool}-${tool}`,
      resourceGroupName,
      parentId: id.id,
      audience: ['api://AzureADTokenExchange'],
      issuer: oidcIssuerUrl,
      subject: `system:serviceaccount:${tool}:${tool}`,
    });
    new RoleAssignment(stack, `${tool}-dns-zone-contributor`, { scope: zone.id, roleDefinitionName: 'DNS Zone Contributor', principalId: id.principalId });
    return id;
  };
  const externalDnsId = identity('external-dns');
  const certManagerId = identity('cert-manager');
  // external-dns lists the resource group's zones: a role with only that right.
  const zoneLister = new RoleDefinition(stack, 'external-dns-zone-lister', {
    name: 'Gitpod DNS zone lister 2e2538',
    scope: resourceGroup,
    description: `Lists the DNS zones of ${resourceGroupName}, for Gitpod's external-dns (${DOMAIN}).`,
    permissions: [{ actions: ['Microsoft.Network/dnsZones/read'] }],
    assignableScopes: [resourceGroup],
  });
  new RoleAssignment(stack, 'external-dns-zone-lister-assignment', {
    scope: resourceGroup, roleDefinitionId: zoneLister.roleDefinitionResourceId, principalId: externalDnsId.principalId,
  });

  const workloadIdentity = (id: UserAssignedIdentity) => ({
    labels: { 'azure.workload.identity/use': 'true' },
    annotations: { 'azure.workload.identity/client-id': id.clientId },
  });
  const podLabels = { 'azure.workload.identity/use': 'true' };

  // external-dns reads azure.json (no credential in it) from a Secret.
  const namespace = new NamespaceV1(stack, 'external-dns-namespace', { metadata: { name: 'external-dns' } });
  const secret = new SecretV1(stack, 'external-dns-azure', {
    metadata: { name: 'external-dns-azure', namespace: namespace.metadata.name },
    type: 'Opaque',
    data: { 'azure.json': JSON.stringify({ tenantId, subscriptionId, resourceGroup: resourceGroupName, useWorkloadIdentityExtension: true }, null, 2) },
  });
  externalDns(stack, workloadIdentity(externalDnsId), {
    provider: { name: 'azure' },
    extraVolumes: [{ name: 'azure-config', secret: { secretName: 'external-dns-azure' } }],
    extraVolumeMounts: [{ name: 'azure-config', mountPath: '/etc/kubernetes', readOnly: true }],
    podLabels,
  }, { createNamespace: false, dependsOn: [secret] });
  certManager(stack, workloadIdentity(certManagerId), { podLabels });

  issuerStack(app, 'gitpod-azure-issuer', kubeContext, stack, {
    azureDNS: { subscriptionID: subscriptionId, resourceGroupName, hostedZoneName: DOMAIN, environment: 'AzurePublicCloud' },
  });
}
