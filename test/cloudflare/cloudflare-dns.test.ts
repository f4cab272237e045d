import { Testing as K8sTesting } from 'cdk8s';
import { TerraformVariable } from 'cdktf';
import { CloudflareDns, CloudflareDnsProps, GitpodCertManager, GitpodDnsZone, GitpodExternalDns, GitpodIssuer, GitpodIssuerKind } from '../../src';
import { containerArgs, findObject, renderRelease } from '../support/helm';
import { validateManifests } from '../support/manifests';
import { helmValues, onlyResource, releaseNamed, resources, synthJson, testStack } from '../support/synth';

const DOMAIN = 'gitpod.example.com';
const ACCOUNT = '0123456789abcdef0123456789abcdef';
const ZONE = expect.stringMatching(/^\$\{cloudflare_zone\.zone_[0-9A-F]+\.id\}$/);

function cloudflareInstallation(cloudProps: Partial<CloudflareDnsProps> = {}, zoneProps: { existingZoneId?: string } = {}) {
  const stack = testStack();
  const cloud = new CloudflareDns({ accountId: ACCOUNT, ...cloudProps });
  const zone = new GitpodDnsZone(stack, 'zone', { cloud, domain: DOMAIN, ...zoneProps });
  new GitpodExternalDns(stack, 'external-dns', { zone });
  new GitpodCertManager(stack, 'cert-manager', { zone });
  const issuer = new GitpodIssuer(K8sTesting.app(), 'issuer', { zone, email: 'admin@example.com' });
  return { stack, json: synthJson(stack), issuer, zone };
}

describe('CloudflareDns with a token per tool (default)', () => {
  const { json, issuer } = cloudflareInstallation();

  test('creates the zone in the account', () => {
    expect(onlyResource(json, 'cloudflare_zone')).toEqual({ account: { id: ACCOUNT }, name: DOMAIN, type: 'full', lifecycle: { prevent_destroy: true } });
    expect(json.output.zone_name_servers.value).toMatch(/cloudflare_zone\.zone_[0-9A-F]+\.name_servers/);
  });

  test('one account token per tool, allowed Zone Read and DNS Write on this zone only', () => {
    const tokens = Object.values(resources(json, 'cloudflare_account_token')) as any[];
    expect(tokens.map((t) => t.name).sort()).toEqual([`Gitpod cert-manager (${DOMAIN})`, `Gitpod external-dns (${DOMAIN})`]);
    for (const token of tokens) {
      expect(token.account_id).toBe(ACCOUNT);
      expect(token.policies).toHaveLength(1);
      const [policy] = token.policies;
      expect(policy.effect).toBe('allow');
      expect(policy.resources).toMatch(/^\{"com\.cloudflare\.api\.account\.zone\.\$\{cloudflare_zone\.zone_[0-9A-F]+\.id\}":"\*"\}$/);
      expect(policy.permission_groups).toEqual([
        { id: expect.stringMatching(/^\$\{data\.cloudflare_account_api_token_permission_groups_list\.cloudflare-permission-groups-0_zone-read_[0-9A-F]+\.result\[0\]\.id\}$/) },
        { id: expect.stringMatching(/^\$\{data\.cloudflare_account_api_token_permission_groups_list\.cloudflare-permission-groups-0_dns-write_[0-9A-F]+\.result\[0\]\.id\}$/) },
      ]);
    }
    const groups = Object.values(json.data.cloudflare_account_api_token_permission_groups_list) as any[];
    // Looked up once for the stack, not once per tool.
    expect(groups.map((g) => [g.name, g.scope, g.account_id]).sort()).toEqual([
      ['DNS Write', 'com.cloudflare.api.account.zone', ACCOUNT],
      ['Zone Read', 'com.cloudflare.api.account.zone', ACCOUNT],
    ]);
  });

  test('each token reaches only a Secret in its tool\'s namespace, created before the release', () => {
    const secrets = Object.values(resources(json, 'kubernetes_secret_v1')) as any[];
    expect(secrets.map((s) => [s.metadata.name, s.metadata.namespace.replace(/.*kubernetes_namespace_v1\.([a-z-]+)_namespace.*/, '$1'), s.data['api-token']]).sort()).toEqual([
      ['cloudflare-api-token', 'cert-manager', expect.stringMatching(/^\$\{cloudflare_account_token\.cert-manager_api-token_[0-9A-F]+\.value\}$/)],
      ['cloudflare-api-token', 'external-dns', expect.stringMatching(/^\$\{cloudflare_account_token\.external-dns_api-token_[0-9A-F]+\.value\}$/)],
    ]);
    for (const name of ['external-dns', 'cert-manager']) expect(releaseNamed(json, name).depends_on).toEqual([expect.stringMatching(/^kubernetes_secret_v1\./)]);
  });

  test('no token value in an output, a values document or a manifest', () => {
    expect(JSON.stringify(json.output)).not.toMatch(/token|\.value\}/);
    for (const release of Object.values(resources(json, 'helm_release')) as any[]) expect(release.values[0]).not.toMatch(/cloudflare_account_token/);
    expect(JSON.stringify(issuer.toJson())).not.toMatch(/\$\{/);
  });

  test('external-dns: the cloudflare provider, the token from its Secret, this zone only, not proxied', () => {
    const values = helmValues(releaseNamed(json, 'external-dns'));
    expect(values).toMatchObject({
      provider: { name: 'cloudflare' },
      env: [{ name: 'CF_API_TOKEN', valueFrom: { secretKeyRef: { name: 'cloudflare-api-token', key: 'api-token' } } }],
      extraArgs: { 'zone-id-filter': ZONE },
      domainFilters: [DOMAIN],
    });
    const rendered = renderRelease(releaseNamed(json, 'external-dns'));
    validateManifests(rendered);
    const args = containerArgs(rendered, 'external-dns');
    expect(args).toEqual(expect.arrayContaining(['--provider=cloudflare', '--domain-filter=gitpod.example.com', expect.stringMatching(/^--zone-id-filter=\$\{cloudflare_zone/)]));
    expect(args.some((a) => a.startsWith('--cloudflare-proxied'))).toBe(false);
    const container = findObject(rendered, 'Deployment', 'external-dns').spec.template.spec.containers[0];
    expect(container.env).toContainEqual({ name: 'CF_API_TOKEN', valueFrom: { secretKeyRef: { name: 'cloudflare-api-token', key: 'api-token' } } });
  });

  test('cert-manager: the cloudflare solver reads the token Secret in cert-manager\'s namespace', () => {
    const objects = issuer.toJson();
    validateManifests(objects);
    expect(objects.find((o: any) => o.kind === 'ClusterIssuer').spec.acme.solvers[0].dns01).toEqual({
      cloudflare: { apiTokenSecretRef: { name: 'cloudflare-api-token', key: 'api-token' } },
    });
  });

  test('matches the snapshot', () => {
    expect(json).toMatchSnapshot();
  });
});

describe('CloudflareDns options', () => {
  test('an existing token (a sensitive variable) for both tools: no token is created', () => {
    const stack = testStack();
    const apiToken = new TerraformVariable(stack, 'cloudflare-token', { type: 'string', sensitive: true }).stringValue;
    const zone = new GitpodDnsZone(stack, 'zone', { cloud: new CloudflareDns({ accountId: ACCOUNT, apiToken }), domain: DOMAIN });
    new GitpodExternalDns(stack, 'external-dns', { zone });
    new GitpodCertManager(stack, 'cert-manager', { zone });
    const json = synthJson(stack);
    expect(resources(json, 'cloudflare_account_token')).toEqual({});
    for (const secret of Object.values(resources(json, 'kubernetes_secret_v1')) as any[]) expect(secret.data['api-token']).toBe('${var.cloudflare-token}');
    expect(json.variable['cloudflare-token'].sensitive).toBe(true);
  });

  test('an existing zone by id, which the solver and the filter then name literally', () => {
    const { json } = cloudflareInstallation({}, { existingZoneId: 'fedcba9876543210fedcba9876543210' });
    expect(resources(json, 'cloudflare_zone')).toEqual({});
    expect(Object.values(json.data.cloudflare_zone)).toEqual([expect.objectContaining({ zone_id: 'fedcba9876543210fedcba9876543210' })]);
    expect(helmValues(releaseNamed(json, 'external-dns')).extraArgs['zone-id-filter']).toBe('fedcba9876543210fedcba9876543210');
  });

  test('proxied: true turns on --cloudflare-proxied', () => {
    const { json } = cloudflareInstallation({ proxied: true });
    expect(containerArgs(renderRelease(releaseNamed(json, 'external-dns')), 'external-dns')).toContain('--cloudflare-proxied');
  });

  test('A records without external-dns, not proxied, and NS delegation from a parent zone', () => {
    const stack = testStack();
    new GitpodDnsZone(stack, 'zone', {
      cloud: new CloudflareDns({ accountId: ACCOUNT }), domain: DOMAIN, loadBalancerAddress: '203.0.113.10', parentZoneId: 'fedcba9876543210fedcba9876543210',
    });
    const records = Object.values(resources(synthJson(stack), 'cloudflare_dns_record')) as any[];
    expect(records.filter((r) => r.type === 'A').map((r) => [r.name, r.content, r.proxied, r.zone_id])).toEqual([
      [DOMAIN, '203.0.113.10', false, ZONE], [`*.${DOMAIN}`, '203.0.113.10', false, ZONE], [`*.ws.${DOMAIN}`, '203.0.113.10', false, ZONE],
    ]);
    expect(records.filter((r) => r.type === 'NS').map((r) => [r.name, r.zone_id, r.content])).toEqual([
      [DOMAIN, 'fedcba9876543210fedcba9876543210', expect.stringMatching(/^\$\{element\(cloudflare_zone\.zone_[0-9A-F]+\.name_servers, 0\)\}$/)],
      [DOMAIN, 'fedcba9876543210fedcba9876543210', expect.stringMatching(/^\$\{element\(cloudflare_zone\.zone_[0-9A-F]+\.name_servers, 1\)\}$/)],
    ]);
  });

  test('a namespaced Issuer is refused: the token Secret lives in cert-manager\'s namespace', () => {
    const { zone } = cloudflareInstallation();
    expect(() => new GitpodIssuer(K8sTesting.app(), 'i', { zone, email: 'a@example.com', issuerKind: GitpodIssuerKind.ISSUER })).toThrow(/^GitpodIssuer\.issuerKind: expected GitpodIssuerKind\.CLUSTER_ISSUER: the cloudflare solver reads a credential Secret/);
  });
});

describe('CloudflareDns bad input fails at synth with the property named', () => {
  test.each([
    ['an account id that is not one', { accountId: 'my-account' }, /^CloudflareDns\.accountId: expected a Cloudflare account id/],
    ['an empty token', { apiToken: '' }, /^CloudflareDns\.apiToken: expected an API token/],
    ['a proxied switch that is not a boolean', { proxied: 'no' }, /^CloudflareDns\.proxied: expected true or false, got "no"/],
  ])('%s', (_, props, error) => {
    expect(() => new CloudflareDns({ accountId: ACCOUNT, ...props } as any)).toThrow(error);
  });

  test('a zone id that is not one', () => {
    expect(() => cloudflareInstallation({}, { existingZoneId: 'example.com' })).toThrow(/^GitpodDnsZone\.existingZoneId: expected a Cloudflare zone id/);
  });
});
