import { Testing as K8sTesting } from 'cdk8s';
import { Fn } from 'cdktf';
import { AzureDns, AzureDnsIdentity, AzureDnsProps, AzureEnvironment, AzureZoneListing, GitpodCertManager, GitpodDnsZone, GitpodExternalDns, GitpodIssuer } from '../../src';
import { validateManifests } from '../support/manifests';
import { helmValues, OFF_WORKSPACE_NODES, onlyResource, resources, synthJson, testStack } from '../support/synth';

const DOMAIN = 'gitpod.example.com';
const SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';
const TENANT = '11111111-1111-1111-1111-111111111111';
const ISSUER_URL = 'https://westeurope.oic.prod-aks.azure.com/tenant/cluster/';
const KUBELET = { clientId: '33333333-3333-3333-3333-333333333333', objectId: '44444444-4444-4444-4444-444444444444' };
const BASE: AzureDnsProps = { subscriptionId: SUBSCRIPTION, tenantId: TENANT, resourceGroupName: 'gitpod', location: 'westeurope', oidcIssuerUrl: ISSUER_URL };

function azureInstallation(cloudProps: Partial<AzureDnsProps> = {}, zoneProps: { existingZoneId?: string; zoneName?: string; domain?: string } = {}) {
  const stack = testStack();
  const cloud = new AzureDns({ ...BASE, ...cloudProps });
  const zone = new GitpodDnsZone(stack, 'zone', { cloud, domain: DOMAIN, ...zoneProps });
  new GitpodExternalDns(stack, 'external-dns', { zone });
  new GitpodCertManager(stack, 'cert-manager', { zone });
  const issuer = new GitpodIssuer(K8sTesting.app(), 'issuer', { zone, email: 'admin@example.com' });
  return { json: synthJson(stack), issuer };
}

function release(json: any, name: string): any {
  return Object.values(resources(json, 'helm_release')).find((r: any) => r.name === name);
}

const ZONE_ID = expect.stringMatching(/^\$\{azurerm_dns_zone\.zone_[0-9A-F]+\.id\}$/);
const RESOURCE_GROUP = `/subscriptions/${SUBSCRIPTION}/resourceGroups/gitpod`;

describe('AzureDns with Workload Identity (default)', () => {
  const { json, issuer } = azureInstallation();

  test('creates the DNS zone in the resource group', () => {
    expect(onlyResource(json, 'azurerm_dns_zone')).toEqual({
      name: 'gitpod.example.com',
      resource_group_name: 'gitpod',
      tags: { 'app': 'gitpod', 'managed-by': 'cdk-gitpod-networking' },
      // Deleting an Azure DNS zone deletes every record in it.
      lifecycle: { prevent_destroy: true },
    });
    expect(json.output.zone_name_servers.value).toMatch(/azurerm_dns_zone\.zone_[0-9A-F]+\.name_servers/);
  });

  test('one managed identity per tool, federated with exactly its service account', () => {
    const identities = Object.values(resources(json, 'azurerm_user_assigned_identity')).map((i: any) => [i.name, i.location, i.resource_group_name]).sort();
    expect(identities).toEqual([
      [expect.stringMatching(/^gitpod-cert-manager-[0-9a-f]{6}$/), 'westeurope', 'gitpod'],
      [expect.stringMatching(/^gitpod-external-dns-[0-9a-f]{6}$/), 'westeurope', 'gitpod'],
    ]);
    const credentials = Object.values(resources(json, 'azurerm_federated_identity_credential')).map((c: any) => [c.subject, c.issuer, c.audience]).sort();
    expect(credentials).toEqual([
      ['system:serviceaccount:cert-manager:cert-manager', ISSUER_URL, ['api://AzureADTokenExchange']],
      ['system:serviceaccount:external-dns:external-dns', ISSUER_URL, ['api://AzureADTokenExchange']],
    ]);
  });

  test('each tool may change records on the zone only; external-dns may also list the group\'s zones, nothing more', () => {
    const assignments = resources(json, 'azurerm_role_assignment');
    const principal = (tool: string) => expect.stringMatching(new RegExp(`^\\$\\{azurerm_user_assigned_identity\\.${tool}_identity_[0-9A-F]+\\.principal_id\\}$`));
    expect(Object.values(assignments)).toHaveLength(3);
    expect(Object.values(assignments)).toEqual(expect.arrayContaining([
      { scope: ZONE_ID, role_definition_name: 'DNS Zone Contributor', principal_id: principal('cert-manager') },
      { scope: ZONE_ID, role_definition_name: 'DNS Zone Contributor', principal_id: principal('external-dns') },
      { scope: RESOURCE_GROUP, role_definition_id: expect.stringMatching(/^\$\{azurerm_role_definition\.external-dns_zone-lister_[0-9A-F]+\.role_definition_resource_id\}$/), principal_id: principal('external-dns') },
    ]));
    // The custom role: the one action external-dns v0.21.0 needs to list the zones, on the group.
    expect(onlyResource(json, 'azurerm_role_definition')).toEqual({
      name: expect.stringMatching(/^Gitpod DNS zone lister [0-9a-f]{6}$/),
      scope: RESOURCE_GROUP,
      description: 'Lists the DNS zones of gitpod, for Gitpod\'s external-dns (gitpod.example.com).',
      permissions: [{ actions: ['Microsoft.Network/dnsZones/read'] }],
      assignable_scopes: [RESOURCE_GROUP],
    });
  });

  test('external-dns reads azure.json (workload identity) from a Secret made before the release', () => {
    const secret = onlyResource(json, 'kubernetes_secret_v1');
    expect(secret.metadata.name).toBe('external-dns-azure');
    expect(JSON.parse(secret.data['azure.json'])).toEqual({
      tenantId: TENANT, subscriptionId: SUBSCRIPTION, resourceGroup: 'gitpod', useWorkloadIdentityExtension: true,
    });
    const r = release(json, 'external-dns');
    expect(r.depends_on).toEqual([expect.stringMatching(/^kubernetes_secret_v1\.external-dns_credentials_/)]);
    expect(helmValues(r)).toEqual({
      domainFilters: ['gitpod.example.com'],
      txtOwnerId: 'gitpod.example.com',
      policy: 'upsert-only',
      sources: ['service', 'ingress'],
      logFormat: 'json',
      affinity: OFF_WORKSPACE_NODES,
      provider: { name: 'azure' },
      extraVolumes: [{ name: 'azure-config', secret: { secretName: 'external-dns-azure' } }],
      extraVolumeMounts: [{ name: 'azure-config', mountPath: '/etc/kubernetes', readOnly: true }],
      podLabels: { 'azure.workload.identity/use': 'true' },
      serviceAccount: {
        create: true,
        name: 'external-dns',
        labels: { 'azure.workload.identity/use': 'true' },
        annotations: { 'azure.workload.identity/client-id': expect.stringMatching(/azurerm_user_assigned_identity\.external-dns_identity_[0-9A-F]+\.client_id/) },
      },
    });
  });

  test('cert-manager: the pod label and the client-id annotation, and the reference resolver flags', () => {
    const values = helmValues(release(json, 'cert-manager'));
    expect(values.podLabels).toEqual({ 'azure.workload.identity/use': 'true' });
    expect(values.serviceAccount.annotations['azure.workload.identity/client-id']).toMatch(/azurerm_user_assigned_identity\.cert-manager_identity_[0-9A-F]+\.client_id/);
    expect(values.extraArgs).toEqual(['--dns01-recursive-nameservers-only', '--dns01-recursive-nameservers=8.8.8.8:53,1.1.1.1:53']);
  });

  test('the issuer uses azureDNS with literal values only; the new client id comes from the webhook', () => {
    const objects = issuer.toJson();
    validateManifests(objects);
    expect(objects.find((o: any) => o.kind === 'ClusterIssuer').spec.acme.solvers[0].dns01).toEqual({
      azureDNS: { subscriptionID: SUBSCRIPTION, resourceGroupName: 'gitpod', hostedZoneName: 'gitpod.example.com', environment: 'AzurePublicCloud' },
    });
    expect(JSON.stringify(objects)).not.toMatch(/\$\{/);
  });

  test('matches the snapshot', () => {
    expect(json).toMatchSnapshot();
  });
});

describe('AzureDns with the kubelet identity (the reference architecture way)', () => {
  const { json, issuer } = azureInstallation({
    identity: AzureDnsIdentity.KUBELET_IDENTITY,
    kubeletIdentity: KUBELET,
    location: undefined,
    oidcIssuerUrl: undefined,
  });

  test('the kubelet identity may change the zone and list the group\'s zones; no managed identities', () => {
    expect(resources(json, 'azurerm_user_assigned_identity')).toEqual({});
    const assignments = Object.values(resources(json, 'azurerm_role_assignment'));
    expect(assignments).toHaveLength(2);
    expect(assignments).toEqual(expect.arrayContaining([
      { scope: ZONE_ID, role_definition_name: 'DNS Zone Contributor', principal_id: KUBELET.objectId },
      { scope: RESOURCE_GROUP, role_definition_id: expect.stringMatching(/azurerm_role_definition\.external-dns_zone-lister_/), principal_id: KUBELET.objectId },
    ]));
  });

  test('azure.json names the kubelet identity, and the issuer its client id', () => {
    expect(JSON.parse(onlyResource(json, 'kubernetes_secret_v1').data['azure.json'])).toEqual({
      tenantId: TENANT, subscriptionId: SUBSCRIPTION, resourceGroup: 'gitpod', useManagedIdentityExtension: true, userAssignedIdentityID: KUBELET.clientId,
    });
    validateManifests(issuer.toJson());
    expect(issuer.clusterIssuer.toJson().spec.acme.solvers[0].dns01.azureDNS.managedIdentity).toEqual({ clientID: KUBELET.clientId });
  });
});

describe('AzureDns options', () => {
  test('a parent zone holds the records: the reference\'s svcs.example.com layout', () => {
    const { json, issuer } = azureInstallation({ environment: AzureEnvironment.US_GOVERNMENT }, { domain: 'gitpod.svcs.example.com', zoneName: 'svcs.example.com' } as any);
    expect(onlyResource(json, 'azurerm_dns_zone').name).toBe('svcs.example.com');
    expect(issuer.clusterIssuer.toJson().spec.acme.solvers[0].dns01.azureDNS).toMatchObject({ hostedZoneName: 'svcs.example.com', environment: 'AzureUSGovernmentCloud' });
  });

  test('an existing zone is looked up by name in the resource group', () => {
    const { json } = azureInstallation({}, { existingZoneId: 'gitpod.example.com' });
    expect(resources(json, 'azurerm_dns_zone')).toEqual({});
    expect(Object.values(json.data.azurerm_dns_zone)).toEqual([expect.objectContaining({ name: 'gitpod.example.com', resource_group_name: 'gitpod' })]);
  });

  test('the built-in Reader on the resource group instead of the custom role, when asked', () => {
    const { json } = azureInstallation({ externalDnsZoneListing: AzureZoneListing.READER });
    expect(resources(json, 'azurerm_role_definition')).toEqual({});
    const wider = Object.values(resources(json, 'azurerm_role_assignment')).filter((a: any) => a.scope === RESOURCE_GROUP);
    expect(wider).toEqual([{ scope: RESOURCE_GROUP, role_definition_name: 'Reader', principal_id: expect.stringMatching(/external-dns_identity_/) }]);
  });

  test('A records relative to the zone, and the NS delegation in the parent zone', () => {
    const stack = testStack();
    new GitpodDnsZone(stack, 'zone', { cloud: new AzureDns(BASE), domain: DOMAIN, loadBalancerAddress: '203.0.113.10', parentZoneId: 'example.com' });
    const json = synthJson(stack);
    expect(Object.values(resources(json, 'azurerm_dns_a_record')).map((r: any) => [r.name, r.zone_name, r.records])).toEqual([
      ['@', 'gitpod.example.com', ['203.0.113.10']],
      ['*', 'gitpod.example.com', ['203.0.113.10']],
      ['*.ws', 'gitpod.example.com', ['203.0.113.10']],
    ]);
    expect(onlyResource(json, 'azurerm_dns_ns_record')).toEqual({
      name: 'gitpod',
      zone_name: 'example.com',
      resource_group_name: 'gitpod',
      ttl: 300,
      records: expect.stringMatching(/azurerm_dns_zone\.zone_[0-9A-F]+\.name_servers/),
    });
  });

  test('an OIDC issuer from the AKS cluster may be a Terraform token', () => {
    expect(() => new AzureDns({ ...BASE, oidcIssuerUrl: Fn.lower('HTTPS://X') })).not.toThrow();
  });
});

describe('AzureDns bad input fails at synth with the property named', () => {
  test.each([
    ['a subscription id that is not a GUID', { subscriptionId: 'my-subscription' }, /^AzureDns\.subscriptionId: expected a GUID/],
    ['a tenant id that is not a GUID', { tenantId: '1234' }, /^AzureDns\.tenantId: expected a GUID/],
    ['an empty resource group', { resourceGroupName: '' }, /^AzureDns\.resourceGroupName: expected a resource group name/],
    ['an OIDC issuer that is not an https URL', { oidcIssuerUrl: 'http://issuer.example.com' }, /^AzureDns\.oidcIssuerUrl: expected the AKS OIDC issuer, an https URL/],
    ['a missing OIDC issuer', { oidcIssuerUrl: undefined }, /^AzureDns\.oidcIssuerUrl:/],
    ['a missing location', { location: undefined }, /^AzureDns\.location:/],
    ['kubelet mode without the kubelet identity', { identity: AzureDnsIdentity.KUBELET_IDENTITY }, /^AzureDns\.kubeletIdentity: expected \{ clientId, objectId \}/],
    ['an identity mode that is not one (from JavaScript)', { identity: 'kubelet' }, /^AzureDns\.identity: expected one of AzureDnsIdentity\.WORKLOAD_IDENTITY, AzureDnsIdentity\.KUBELET_IDENTITY, got "kubelet"/],
    ['an environment that is not one', { environment: 'AzureCloud' }, /^AzureDns\.environment: expected one of AzureEnvironment\.PUBLIC, /],
    ['a zone listing that is not one', { externalDnsZoneListing: 'owner' }, /^AzureDns\.externalDnsZoneListing: expected one of AzureZoneListing\.CUSTOM_ROLE, AzureZoneListing\.READER, got "owner"/],
    ['a location that is not a region name', { location: 'West Europe' }, /^AzureDns\.location: expected an Azure region name/],
    ['a kubelet client id only known after apply', { identity: AzureDnsIdentity.KUBELET_IDENTITY, kubeletIdentity: { clientId: Fn.lower('X'), objectId: KUBELET.objectId } }, /^AzureDns\.kubeletIdentity\.clientId: expected a literal value.*az aks show/],
  ])('%s', (_, props, error) => {
    expect(() => new AzureDns({ ...BASE, ...props } as AzureDnsProps)).toThrow(error);
  });

  test('a parent zone that is not a parent', () => {
    expect(() => new GitpodDnsZone(testStack(), 'zone', { cloud: new AzureDns(BASE), domain: DOMAIN, parentZoneId: 'example.org' })).toThrow(/^GitpodDnsZone\.parentZoneId: expected a parent domain of "gitpod\.example\.com"/);
  });
});
