// Private zones and split-horizon DNS on every cloud: a public zone for the world (and for the
// ACME challenge), a private zone for the cluster's networks with its own external-dns.
import { Testing as K8sTesting } from 'cdk8s';
import { AwsRoute53, AzureDns, GitpodCertManager, GitpodDnsZone, GitpodExternalDns, GitpodIssuer, GoogleCloudDns, IGitpodCloud } from '../src';
import { AZURE, DOMAIN, OIDC } from './support/handover';
import { containerArgs, renderRelease } from './support/helm';
import { validateManifests } from './support/manifests';
import { releaseNamed, resources, synthJson, testStack } from './support/synth';

const VNET = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/network/providers/Microsoft.Network/virtualNetworks/gitpod';

const CLOUDS: { [cloud: string]: { public: () => IGitpodCloud; private: () => IGitpodCloud; identity: string; visibilityArg: string } } = {
  gcp: {
    public: () => new GoogleCloudDns({ project: 'my-project' }),
    private: () => new GoogleCloudDns({ project: 'my-project', privateZoneNetworks: ['projects/my-project/global/networks/gitpod'] }),
    identity: 'google_service_account',
    visibilityArg: '--google-zone-visibility=private',
  },
  aws: {
    public: () => new AwsRoute53({ region: 'eu-west-1', oidcProviderArn: OIDC }),
    private: () => new AwsRoute53({ region: 'eu-west-1', oidcProviderArn: OIDC, privateZoneVpcId: 'vpc-0a1b2c3d4e5f67890' }),
    identity: 'aws_iam_role',
    visibilityArg: '--aws-zone-type=private',
  },
  azure: {
    public: () => new AzureDns(AZURE),
    private: () => new AzureDns({ ...AZURE, privateZoneVirtualNetworkIds: [VNET] }),
    identity: 'azurerm_user_assigned_identity',
    visibilityArg: '--provider=azure-private-dns',
  },
};

/** The documented split-horizon setup: two zones, two external-dns, one cert-manager and issuer on the public zone. */
function splitHorizon(cloud: string) {
  const stack = testStack();
  const publicZone = new GitpodDnsZone(stack, 'zone', { cloud: CLOUDS[cloud].public(), domain: DOMAIN });
  const privateZone = new GitpodDnsZone(stack, 'private-zone', { cloud: CLOUDS[cloud].private(), domain: DOMAIN });
  new GitpodExternalDns(stack, 'external-dns', { zone: publicZone });
  new GitpodExternalDns(stack, 'external-dns-private', {
    zone: privateZone,
    releaseName: 'external-dns-private',
    namespaceName: 'external-dns-private',
    serviceAccountName: 'external-dns-private',
    txtOwnerId: 'gitpod.example.com-private',
    annotationFilter: 'gitpod.io/dns=private',
  });
  new GitpodCertManager(stack, 'cert-manager', { zone: publicZone });
  const issuer = new GitpodIssuer(K8sTesting.app(), 'issuer', { zone: publicZone, email: 'admin@example.com' });
  return { stack, json: synthJson(stack), issuer, privateZone };
}

describe.each(Object.keys(CLOUDS))('split horizon on %s', (cloud) => {
  const { json, issuer, privateZone } = splitHorizon(cloud);

  test('the two external-dns releases never clash: names, namespaces, service accounts, identities, owner ids', () => {
    const releases = Object.values(resources(json, 'helm_release')) as any[];
    expect(releases.map((r) => `${r.namespace}/${r.name}`).sort()).toEqual([
      'cert-manager/cert-manager', 'cert-manager/trust-manager', 'external-dns-private/external-dns-private', 'external-dns/external-dns',
    ]);
    const identities = Object.values(resources(json, CLOUDS[cloud].identity)) as any[];
    const names = identities.map((i) => i.account_id ?? i.name);
    expect(new Set(names).size).toBe(3);
    const owners = ['external-dns', 'external-dns-private'].map((n) => JSON.parse(releaseNamed(json, n).values[0]).txtOwnerId);
    expect(owners).toEqual(['gitpod.example.com', 'gitpod.example.com-private']);
  });

  test('the private external-dns manages only private zones and only annotated sources', () => {
    const rendered = renderRelease(releaseNamed(json, 'external-dns-private'));
    validateManifests(rendered);
    const args = containerArgs(rendered, 'external-dns-private');
    expect(args).toEqual(expect.arrayContaining([CLOUDS[cloud].visibilityArg, '--annotation-filter=gitpod.io/dns=private', '--txt-owner-id=gitpod.example.com-private']));
  });

  test('cert-manager solves against the public zone; an ACME issuer on the private zone is refused', () => {
    validateManifests(issuer.toJson());
    expect(() => new GitpodIssuer(K8sTesting.app(), 'private-issuer', { zone: privateZone, email: 'a@example.com' })).toThrow(
      /^GitpodIssuer\.email: expected no ACME option on a private zone: a public CA cannot read its challenge records, so the certificate comes from the internal CA/,
    );
  });

  test('a private zone is not delegated', () => {
    expect(() => new GitpodDnsZone(testStack(), 'zone', { cloud: CLOUDS[cloud].private(), domain: DOMAIN, parentZoneId: 'example-com' })).toThrow(
      /^GitpodDnsZone\.parentZoneId: expected no parent zone for a private zone/,
    );
  });
});

describe('private zones', () => {
  test('Google Cloud: a private managed zone visible from the network', () => {
    const { json } = splitHorizon('gcp');
    const zones = Object.values(resources(json, 'google_dns_managed_zone')) as any[];
    expect(zones.map((z) => [z.visibility, z.private_visibility_config])).toEqual(expect.arrayContaining([
      [undefined, undefined],
      ['private', { networks: [{ network_url: 'projects/my-project/global/networks/gitpod' }] }],
    ]));
  });

  test('Azure: a Private DNS zone linked to the network, Private DNS Zone Contributor on it, a lister of private zones', () => {
    const { json } = splitHorizon('azure');
    expect(Object.values(resources(json, 'azurerm_private_dns_zone'))).toEqual([{ name: DOMAIN, resource_group_name: 'gitpod', lifecycle: { prevent_destroy: true }, tags: { 'app': 'gitpod', 'managed-by': 'cdk-gitpod-networking' } }]);
    expect(Object.values(resources(json, 'azurerm_private_dns_zone_virtual_network_link'))).toEqual([{
      name: 'gitpod-0',
      private_dns_zone_name: expect.stringMatching(/^\$\{azurerm_private_dns_zone\.private-zone_[0-9A-F_a-z]*\.name\}$/),
      resource_group_name: 'gitpod',
      virtual_network_id: VNET,
      registration_enabled: false,
      tags: { 'app': 'gitpod', 'managed-by': 'cdk-gitpod-networking' },
    }]);
    const contributors = (Object.values(resources(json, 'azurerm_role_assignment')) as any[]).filter((a) => a.scope.includes('azurerm_private_dns_zone'));
    expect(contributors).toEqual([expect.objectContaining({ role_definition_name: 'Private DNS Zone Contributor' })]);
    const listers = (Object.values(resources(json, 'azurerm_role_definition')) as any[]).map((r) => r.permissions[0].actions[0]).sort();
    expect(listers).toEqual(['Microsoft.Network/dnsZones/read', 'Microsoft.Network/privateDnsZones/read']);
    expect(new Set((Object.values(resources(json, 'azurerm_role_definition')) as any[]).map((r) => r.name)).size).toBe(2);
  });

  test.each([
    ['Google Cloud networks with an existing zone', () => new GoogleCloudDns({ project: 'my-project', privateZoneNetworks: ['projects/my-project/global/networks/gitpod'] }), /^GoogleCloudDns\.privateZoneNetworks: expected no networks with an existing zone/],
  ])('refuses %s', (_, cloud, error) => {
    expect(() => new GitpodDnsZone(testStack(), 'zone', { cloud: cloud(), domain: DOMAIN, existingZoneId: 'corp-zone' })).toThrow(error);
  });

  test.each([
    ['a Google Cloud network that is not one', () => new GoogleCloudDns({ project: 'my-project', privateZoneNetworks: ['gitpod'] }), /^GoogleCloudDns\.privateZoneNetworks\[0\]: expected a VPC network id/],
    ['no Google Cloud network', () => new GoogleCloudDns({ project: 'my-project', privateZoneNetworks: [] }), /^GoogleCloudDns\.privateZoneNetworks: expected one or more VPC networks/],
    ['an Azure network that is not one', () => new AzureDns({ ...AZURE, privateZoneVirtualNetworkIds: ['gitpod-vnet'] }), /^AzureDns\.privateZoneVirtualNetworkIds\[0\]: expected a virtual network id/],
  ])('refuses %s', (_, cloud, error) => {
    expect(cloud).toThrow(error);
  });
});
