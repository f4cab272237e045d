// The four constructs and GitpodManifests against a minimal fake cloud: what is common to every
// cloud is tested once here, the cloud specifics in test/<cloud>/.
import { readFileSync } from 'fs';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { Testing as K8sTesting } from 'cdk8s';
import { Fn, Testing, TerraformStack } from 'cdktf';
import {
  AcmeServer,
  ExternalDnsPolicy,
  GitpodCertManager,
  GitpodDnsZone,
  GitpodExternalDns,
  GitpodIssuer,
  GitpodManifests,
} from '../src';
import { FakeCloud } from './support/fake-cloud';
import { validateManifests } from './support/manifests';
import { helmValues, KEEP_WHEN_PRUNED, OFF_WORKSPACE_NODES, onlyResource, releaseNamed, resources, synthJson, testStack } from './support/synth';

function fakeZone(props: { domain?: string; zoneName?: string; cloud?: FakeCloud; stack?: TerraformStack } = {}) {
  const stack = props.stack ?? testStack();
  const cloud = props.cloud ?? new FakeCloud();
  const zone = new GitpodDnsZone(stack, 'zone', { cloud, domain: props.domain ?? 'gitpod.example.com', zoneName: props.zoneName });
  return { stack, cloud, zone };
}

describe('GitpodDnsZone', () => {
  test('asks the cloud for a zone named after the domain by default', () => {
    const { cloud } = fakeZone();
    expect(cloud.requests[0]).toMatchObject({ method: 'bindZone', request: { zoneName: 'gitpod.example.com', existingZoneId: undefined } });
  });

  test('accepts a parent zone, as in the reference\'s svcs.example.com example', () => {
    const { cloud, zone } = fakeZone({ domain: 'gitpod.svcs.example.com', zoneName: 'svcs.example.com' });
    expect(cloud.requests[0].request.zoneName).toBe('svcs.example.com');
    expect(zone.zoneName).toBe('svcs.example.com');
  });

  test('rejects a zone that cannot hold the domain', () => {
    expect(() => fakeZone({ domain: 'gitpod.example.com', zoneName: 'example.org' })).toThrow(
      /^GitpodDnsZone\.zoneName: expected the domain "gitpod\.example\.com" or one of its parent domains, got "example\.org"/,
    );
  });

  test('names the property for a bad domain', () => {
    expect(() => fakeZone({ domain: 'Gitpod.example.com' })).toThrow(/^GitpodDnsZone\.domain: .*use lower case/);
    expect(() => fakeZone({ domain: '*.gitpod.example.com' })).toThrow(/^GitpodDnsZone\.domain: .*wildcard/);
    expect(() => fakeZone({ domain: 'not a hostname' })).toThrow(/^GitpodDnsZone\.domain: expected a lower-case DNS name/);
  });

  test('rejects a missing cloud', () => {
    expect(() => new GitpodDnsZone(testStack(), 'zone', { domain: 'gitpod.example.com' } as any)).toThrow(/^GitpodDnsZone\.cloud: expected a DNS provider/);
  });

  test('outputs name servers and zone id under readable names', () => {
    const { stack } = fakeZone();
    const json = synthJson(stack);
    expect(json.output.zone_name_servers.value).toEqual(['ns1.fake.']);
    expect(json.output.zone_zone_id.value).toBe('fake-zone');
  });
});

describe('GitpodExternalDns', () => {
  test('passes namespace and service account to the cloud and merges the values escape hatch last', () => {
    const { stack, cloud, zone } = fakeZone();
    new GitpodExternalDns(stack, 'external-dns', {
      zone,
      namespaceName: 'dns',
      serviceAccountName: 'edns',
      policy: ExternalDnsPolicy.SYNC,
      txtOwnerId: 'cluster-a',
      values: { provider: { name: 'override' }, resources: { requests: { cpu: '50m' } }, sources: ['service'] },
    });
    expect(cloud.requests.slice(1)).toEqual([
      { method: 'bindWorkload', request: expect.objectContaining({ workload: 'external-dns', namespaceName: 'dns', serviceAccountName: 'edns' }) },
      {
        method: 'workloadValues',
        request: expect.objectContaining({ workload: 'external-dns', namespaceName: 'dns', serviceAccountName: 'edns', zoneId: 'fake-zone', identity: 'fake-identity-of-external-dns' }),
      },
    ]);
    const values = helmValues(releaseNamed(synthJson(stack), 'external-dns'));
    expect(values).toEqual({
      domainFilters: ['gitpod.example.com'],
      txtOwnerId: 'cluster-a',
      policy: 'sync',
      sources: ['service'],
      logFormat: 'json',
      affinity: OFF_WORKSPACE_NODES,
      serviceAccount: { create: true, name: 'edns' },
      provider: { name: 'override' },
      resources: { requests: { cpu: '50m' } },
    });
  });

  test('rejects a txtOwnerId with characters a TXT owner cannot carry', () => {
    const { stack, zone } = fakeZone();
    expect(() => new GitpodExternalDns(stack, 'external-dns', { zone, txtOwnerId: 'a b' })).toThrow(/^GitpodExternalDns\.txtOwnerId: expected/);
  });

  test('rejects a namespace that is not a DNS label', () => {
    const { stack, zone } = fakeZone();
    expect(() => new GitpodExternalDns(stack, 'external-dns', { zone, namespaceName: 'External_DNS' })).toThrow(/^GitpodExternalDns\.namespaceName: expected a DNS label/);
  });

  test('a domain too long to be the default owner id gets a valid one, unique by a hash', () => {
    const domain = `${'a'.repeat(60)}.${'b'.repeat(60)}.example.com`;
    const { stack, zone } = fakeZone({ domain });
    new GitpodExternalDns(stack, 'external-dns', { zone });
    const owner = helmValues(releaseNamed(synthJson(stack), 'external-dns')).txtOwnerId;
    expect(owner).toMatch(new RegExp(`^${'a'.repeat(56)}-[0-9a-f]{6}$`));
  });

  test.each([
    ['a misspelt key the open schema would let Helm ignore', { domainFilter: ['x.example.com'] }, /^GitpodExternalDns\.values\.domainFilter: expected a value the external-dns 1\.21\.1 chart reads \(no template reads "domainFilter", so Helm would silently ignore it\), got \["x\.example\.com"\]/],
    ['a misspelt nested key', { serviceAccount: { anotations: { a: 'b' } } }, /^GitpodExternalDns\.values\.serviceAccount\.anotations\.a: expected a value the external-dns 1\.21\.1 chart reads/],
    ['a wrong type', { interval: 60 }, /^GitpodExternalDns\.values\.interval: expected string, got 60/],
    ['a policy the chart does not know', { policy: 'upsert' }, /^GitpodExternalDns\.values\.policy: expected one of "create-only", "sync", "upsert-only", got "upsert"/],
  ])('checks values at synth against the pinned chart: %s', (_, values, error) => {
    const { stack, zone } = fakeZone();
    expect(() => new GitpodExternalDns(stack, 'external-dns', { zone, values })).toThrow(error);
  });

  test('accepts values under maps the templates pass on whole, and any values of a chart it does not pin', () => {
    const { stack, zone } = fakeZone();
    expect(() => new GitpodExternalDns(stack, 'external-dns', { zone, values: { securityContext: { seLinuxOptions: { level: 's0:c123,c456' } }, podAnnotations: { a: 'b' } } })).not.toThrow();
    const chart = { repository: 'https://kubernetes-sigs.github.io/external-dns/', chart: 'external-dns', version: '1.22.0' };
    expect(() => new GitpodExternalDns(stack, 'other', { zone, chart, values: { someNewKey: true } })).not.toThrow();
  });

  test.each([
    ['a version range', { version: '^1.21.0' }, /^GitpodExternalDns\.chart\.version: expected an exact chart version/],
    ['latest', { version: 'latest' }, /^GitpodExternalDns\.chart\.version: expected an exact chart version.*got "latest"/],
    ['an http repository', { repository: 'http://charts.example.com' }, /^GitpodExternalDns\.chart\.repository: expected an https:\/\/ or oci:\/\/ repository URL/],
    ['a chart name with a slash', { chart: 'kubernetes-sigs/external-dns' }, /^GitpodExternalDns\.chart\.chart: expected a chart name/],
  ])('refuses a chart reference with %s', (_, change, error) => {
    const { stack, zone } = fakeZone();
    expect(() => new GitpodExternalDns(stack, 'external-dns', { zone, chart: { repository: 'https://kubernetes-sigs.github.io/external-dns/', chart: 'external-dns', version: '1.21.1', ...change } })).toThrow(error);
  });

  test('accepts an OCI chart repository', () => {
    const { stack, zone } = fakeZone();
    new GitpodExternalDns(stack, 'external-dns', { zone, chart: { repository: 'oci://registry.example.com/charts', chart: 'external-dns', version: '1.21.1' } });
    expect(releaseNamed(synthJson(stack), 'external-dns')).toMatchObject({ repository: 'oci://registry.example.com/charts', version: '1.21.1' });
  });

  test.each([
    ['a release name Helm refuses', { releaseName: 'External DNS' }, /^GitpodExternalDns\.releaseName: expected a Helm release name/],
    ['a release name over 53 characters', { releaseName: 'e'.repeat(54) }, /^GitpodExternalDns\.releaseName: expected a Helm release name: at most 53/],
    ['a source external-dns does not know', { sources: ['service', 'gateway'] }, /^GitpodExternalDns\.sources: expected one or more distinct sources external-dns 1\.21\.1 knows/],
    ['no source', { sources: [] }, /^GitpodExternalDns\.sources: expected one or more/],
    ['a policy from JavaScript that is not one', { policy: 'delete-all' }, /^GitpodExternalDns\.policy: expected one of ExternalDnsPolicy\.UPSERT_ONLY, ExternalDnsPolicy\.SYNC, ExternalDnsPolicy\.CREATE_ONLY, got "delete-all"/],
  ])('refuses %s', (_, props, error) => {
    const { stack, zone } = fakeZone();
    expect(() => new GitpodExternalDns(stack, 'external-dns', { zone, ...props } as any)).toThrow(error);
  });
});

describe('GitpodCertManager', () => {
  test('creates the cloud\'s credential Secret before the release, which then leaves the namespace to Terraform', () => {
    const { stack, zone } = fakeZone();
    new GitpodCertManager(stack, 'cert-manager', { zone, trustManager: false });
    const json = synthJson(stack);
    expect(onlyResource(json, 'kubernetes_namespace_v1')).toEqual({ metadata: { name: 'cert-manager' } });
    expect(onlyResource(json, 'kubernetes_secret_v1')).toEqual({
      metadata: { name: 'fake-credentials', namespace: expect.stringMatching(/^\$\{kubernetes_namespace_v1\.cert-manager_namespace_[0-9A-F]+\.metadata\[0\]\.name\}$/) },
      data: { token: 'x' },
      type: 'Opaque',
    });
    const release = onlyResource(json, 'helm_release');
    expect(release.create_namespace).toBe(false);
    expect(release.depends_on).toEqual([expect.stringMatching(/^kubernetes_secret_v1\.cert-manager_credentials_/)]);
    expect(helmValues(release).podLabels).toEqual({ fake: 'true' });
  });

  test('takes its own resolvers and can drop --dns01-recursive-nameservers-only', () => {
    const { stack, zone } = fakeZone();
    new GitpodCertManager(stack, 'cert-manager', { zone, recursiveNameservers: ['10.0.0.2:53'], recursiveNameserversOnly: false });
    expect(helmValues(releaseNamed(synthJson(stack), 'cert-manager')).extraArgs).toEqual(['--dns01-recursive-nameservers=10.0.0.2:53']);
  });

  test.each([
    ['no port', '8.8.8.8'],
    ['port 0', '8.8.8.8:0'],
    ['a port over 65535', '8.8.8.8:65536'],
    ['an IPv4 address out of range', '8.8.8.256:53'],
    ['a host with a space', 'dns server:53'],
    ['IPv6 without brackets', '2001:db8::1:53'],
  ])('rejects a resolver with %s, naming the entry', (_, resolver) => {
    const { stack, zone } = fakeZone();
    expect(() => new GitpodCertManager(stack, 'cert-manager', { zone, recursiveNameservers: ['1.1.1.1:53', resolver] })).toThrow(
      /^GitpodCertManager\.recursiveNameservers\[1\]: expected "host:port"/,
    );
  });

  test('accepts resolvers by IPv4, [IPv6] and name, and refuses an empty list', () => {
    const { stack, zone } = fakeZone();
    new GitpodCertManager(stack, 'cert-manager', { zone, recursiveNameservers: ['10.0.0.2:53', '[2001:db8::53]:53', 'dns.example.net:5353'] });
    expect(helmValues(releaseNamed(synthJson(stack), 'cert-manager')).extraArgs).toContain('--dns01-recursive-nameservers=10.0.0.2:53,[2001:db8::53]:53,dns.example.net:5353');
    expect(() => new GitpodCertManager(stack, 'cm2', { zone, recursiveNameservers: [] })).toThrow(/^GitpodCertManager\.recursiveNameservers: expected one or more/);
  });

  test('rejects values keys the closed chart schema would reject at apply, installCRDs together with crds.enabled', () => {
    const { stack, zone } = fakeZone();
    expect(() => new GitpodCertManager(stack, 'cert-manager', { zone, values: { podSecurityContext: {} } })).toThrow(
      /^GitpodCertManager\.values\.podSecurityContext: expected a known key \(.*\), got "podSecurityContext"/,
    );
    expect(() => new GitpodCertManager(stack, 'cm2', { zone, values: { installCRDs: true } })).toThrow(/^GitpodCertManager\.values\.installCRDs: expected unset: it is deprecated/);
  });

  test.each([
    ['a wrong type', { replicaCount: 'two' }, /^GitpodCertManager\.values\.replicaCount: expected number, got "two"/],
    ['a nested wrong type', { webhook: { securePort: '10260' } }, /^GitpodCertManager\.values\.webhook\.securePort: expected number, got "10260"/],
    ['a kubelet port for a host-network webhook', { webhook: { hostNetwork: true, securePort: 10255 } }, /^GitpodCertManager: webhook\.securePort: expected a port the webhook can take in the host network, not the kubelet read-only port, got 10255/],
    ['the default webhook port in the host network', { webhook: { hostNetwork: true } }, /^GitpodCertManager: webhook\.securePort: .*not the kubelet API port, got 10250/],
  ])('checks values at synth: %s', (_, values, error) => {
    const { stack, zone } = fakeZone();
    expect(() => new GitpodCertManager(stack, 'cert-manager', { zone, values })).toThrow(error);
  });

  test('deep-merges user values over the defaults', () => {
    const { stack, zone } = fakeZone();
    new GitpodCertManager(stack, 'cert-manager', { zone, values: { global: { leaderElection: { namespace: 'cert-manager' } }, crds: { keep: false } } });
    const values = helmValues(releaseNamed(synthJson(stack), 'cert-manager'));
    expect(values.crds).toEqual({ enabled: true, keep: false });
    expect(values.global).toEqual({ leaderElection: { namespace: 'cert-manager' } });
  });
});

describe('GitpodIssuer', () => {
  test('writes a valid ClusterIssuer and Certificate for the three names, with the reference defaults', () => {
    const { zone } = fakeZone();
    const issuer = new GitpodIssuer(K8sTesting.app(), 'issuer', { zone, email: 'admin@example.com' });
    const objects = issuer.toJson();
    validateManifests(objects);
    expect(objects).toEqual([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'gitpod', annotations: KEEP_WHEN_PRUNED } },
      {
        apiVersion: 'cert-manager.io/v1',
        kind: 'ClusterIssuer',
        metadata: { name: 'gitpod-issuer' },
        spec: {
          acme: {
            server: 'https://acme-v02.api.letsencrypt.org/directory',
            email: 'admin@example.com',
            privateKeySecretRef: { name: 'issuer-account-key' },
            solvers: [{ selector: { dnsZones: ['gitpod.example.com'] }, dns01: { webhook: { groupName: 'acme.example.com', solverName: 'fake' } } }],
          },
        },
      },
      {
        apiVersion: 'cert-manager.io/v1',
        kind: 'Certificate',
        metadata: { name: 'https-certificates', namespace: 'gitpod' },
        spec: {
          secretName: 'https-certificates',
          secretTemplate: { labels: { app: 'gitpod' } },
          dnsNames: ['gitpod.example.com', '*.gitpod.example.com', '*.ws.gitpod.example.com'],
          issuerRef: { name: 'gitpod-issuer', kind: 'ClusterIssuer', group: 'cert-manager.io' },
        },
      },
    ]);
  });

  test('selects Let\'s Encrypt staging, names and namespaces', () => {
    const { zone } = fakeZone();
    const issuer = new GitpodIssuer(K8sTesting.app(), 'issuer', {
      zone,
      email: 'admin@example.com',
      acmeServer: AcmeServer.LETS_ENCRYPT_STAGING,
      issuerName: 'le-staging',
      gitpodNamespace: 'gitpod-prod',
      createNamespace: false,
    });
    const objects = issuer.toJson();
    validateManifests(objects);
    expect(objects.map((o: any) => o.kind)).toEqual(['ClusterIssuer', 'Certificate']);
    expect(objects[0].spec.acme.server).toBe('https://acme-staging-v02.api.letsencrypt.org/directory');
    expect(objects[1].metadata.namespace).toBe('gitpod-prod');
    expect(objects[1].spec.issuerRef.name).toBe('le-staging');
  });

  test('accepts a custom https ACME directory and rejects anything else', () => {
    expect(AcmeServer.custom('https://acme.example.com/directory').url).toBe('https://acme.example.com/directory');
    expect(() => AcmeServer.custom('http://acme.example.com')).toThrow(/^AcmeServer\.custom\(url\): expected an https URL/);
  });

  test.each([
    ['empty', ''],
    ['without @', 'admin.example.com'],
    ['without a domain', 'admin@'],
    ['with spaces', 'ad min@example.com'],
  ])('rejects an e-mail address that is %s', (_, email) => {
    const { zone } = fakeZone();
    expect(() => new GitpodIssuer(K8sTesting.app(), 'issuer', { zone, email })).toThrow(/^GitpodIssuer\.email: expected an e-mail address/);
  });

  test('rejects a Terraform token as e-mail: it would reach the manifest as ${...}', () => {
    const { zone } = fakeZone();
    expect(() => new GitpodIssuer(K8sTesting.app(), 'issuer', { zone, email: Fn.lower('A@EXAMPLE.COM') })).toThrow(
      /^GitpodIssuer\.email: expected a literal value known at synth time, got a Terraform token/,
    );
  });

  test('rejects a cloud solver that carries a Terraform token, naming the field', () => {
    const stack = testStack();
    const token = Fn.lower('Z123');
    const { zone } = fakeZone({ stack, cloud: new FakeCloud({ route53: { hostedZoneID: token } }) });
    expect(() => new GitpodIssuer(K8sTesting.app(), 'issuer', { zone, email: 'admin@example.com' })).toThrow(
      /^GitpodIssuer: the fake DNS-01 solver field route53\.hostedZoneID: expected a literal value known at synth time/,
    );
  });

  test('rejects an issuer name that is not a DNS label', () => {
    const { zone } = fakeZone();
    expect(() => new GitpodIssuer(K8sTesting.app(), 'issuer', { zone, email: 'a@example.com', issuerName: 'Gitpod Issuer' })).toThrow(/^GitpodIssuer\.issuerName:/);
  });
});

describe('GitpodManifests', () => {
  function twoStacks() {
    const app = Testing.app();
    const cloudStack = new TerraformStack(app, 'gitpod');
    const { zone } = fakeZone({ stack: cloudStack });
    const issuer = new GitpodIssuer(K8sTesting.app(), 'issuer', { zone, email: 'admin@example.com' });
    const clusterStack = new TerraformStack(app, 'gitpod-issuer');
    new KubernetesProvider(clusterStack, 'kubernetes', {});
    const manifests = new GitpodManifests(clusterStack, 'issuer', { chart: issuer, after: [cloudStack] });
    return { app, cloudStack, clusterStack, manifests };
  }

  test('the manifests stack depends on the cert-manager stack, so its plan waits for the CRDs', () => {
    const { app, cloudStack, clusterStack } = twoStacks();
    expect(clusterStack.dependencies).toEqual([cloudStack]);
    app.synth();
    const written = JSON.parse(readFileSync(`${app.outdir}/manifest.json`, 'utf8'));
    expect(written.stacks['gitpod-issuer'].dependencies).toEqual(['gitpod']);
    expect(written.stacks.gitpod.dependencies).toEqual([]);
  });

  test('applies each object as a kubernetes_manifest, the namespace first', () => {
    const { clusterStack } = twoStacks();
    const all = resources(synthJson(clusterStack), 'kubernetes_manifest');
    const byKind = Object.fromEntries(Object.entries(all).map(([id, r]: [string, any]) => [r.manifest.kind, { id, ...r }]));
    expect(Object.keys(byKind).sort()).toEqual(['Certificate', 'ClusterIssuer', 'Namespace']);
    expect(byKind.Namespace.depends_on).toEqual([]);
    expect(byKind.ClusterIssuer.depends_on).toEqual([`kubernetes_manifest.${byKind.Namespace.id}`]);
    // The issuer before the certificate: cdktf deploy waits for each to be Ready in that order.
    expect(byKind.Certificate.depends_on).toEqual([`kubernetes_manifest.${byKind.Namespace.id}`, `kubernetes_manifest.${byKind.ClusterIssuer.id}`]);
    expect(byKind.Certificate.manifest.spec.dnsNames).toEqual(['gitpod.example.com', '*.gitpod.example.com', '*.ws.gitpod.example.com']);
  });

  test('refuses the stack that installs cert-manager: Terraform plans the manifests before the CRDs exist', () => {
    const stack = testStack('gitpod');
    const { zone } = fakeZone({ stack });
    new GitpodCertManager(stack, 'cert-manager', { zone });
    const issuer = new GitpodIssuer(K8sTesting.app(), 'issuer', { zone, email: 'admin@example.com' });
    expect(() => new GitpodManifests(stack, 'm', { chart: issuer })).toThrow(
      /^GitpodManifests: expected a stack without GitpodCertManager \(gitpod\/cert-manager installs the CRDs .*put GitpodManifests in a second stack/,
    );
  });

  test('refuses to depend on its own stack', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'one');
    const { zone } = fakeZone({ stack });
    const issuer = new GitpodIssuer(K8sTesting.app(), 'issuer', { zone, email: 'admin@example.com' });
    expect(() => new GitpodManifests(stack, 'm', { chart: issuer, after: [stack] })).toThrow(/^GitpodManifests\.after: expected stacks other than/);
  });
});

describe('GitpodDnsZone without external-dns, and delegated from a parent', () => {
  function zoneWith(props: { loadBalancerAddress?: string; parentZoneId?: string; recordTtl?: number; existingZoneId?: string }) {
    const cloud = new FakeCloud();
    new GitpodDnsZone(testStack(), 'zone', { cloud, domain: 'gitpod.example.com', ...props });
    return cloud.requests.filter((r) => r.method !== 'bindZone');
  }

  test('asks the cloud for A records for the three names', () => {
    expect(zoneWith({ loadBalancerAddress: '203.0.113.10' })).toEqual([
      {
        method: 'addAddressRecords',
        request: expect.objectContaining({
          names: ['gitpod.example.com', '*.gitpod.example.com', '*.ws.gitpod.example.com'],
          address: '203.0.113.10',
          recordType: 'A',
          ttl: 300,
        }),
      },
    ]);
  });

  test('uses AAAA for an IPv6 address', () => {
    expect(zoneWith({ loadBalancerAddress: '2001:db8::10', recordTtl: 60 })[0].request).toMatchObject({ recordType: 'AAAA', ttl: 60 });
  });

  test.each(['gitpod.example.com', '203.0.113.300', '10.0.0', ''])('rejects load-balancer address %j', (address) => {
    expect(() => zoneWith({ loadBalancerAddress: address })).toThrow(/^GitpodDnsZone\.loadBalancerAddress: expected an IPv4 or IPv6 address/);
  });

  test('asks the cloud for the delegation in the parent zone', () => {
    expect(zoneWith({ parentZoneId: 'example-com' })).toEqual([
      { method: 'addDelegation', request: expect.objectContaining({ parentZoneId: 'example-com', ttl: 300 }) },
    ]);
  });

  test('refuses to delegate an existing zone, and a bad TTL', () => {
    expect(() => zoneWith({ parentZoneId: 'example-com', existingZoneId: 'z' })).toThrow(/^GitpodDnsZone\.parentZoneId: expected no parent zone for an existing zone/);
    expect(() => zoneWith({ recordTtl: 0 })).toThrow(/^GitpodDnsZone\.recordTtl: expected a TTL in seconds: a whole number from 1 to 86400, got 0/);
  });
});
