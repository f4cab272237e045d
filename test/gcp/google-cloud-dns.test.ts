import { Testing as K8sTesting } from 'cdk8s';
import {
  GitpodCertManager,
  GitpodDnsZone,
  GitpodExternalDns,
  GitpodIssuer,
  GoogleCloudDns,
  GoogleDnsIdentity,
  GoogleDnsRoleScope,
} from '../../src';
import { validateManifests } from '../support/manifests';
import { CERT_MANAGER_SCHEDULING, helmValues, OFF_WORKSPACE_NODES, onlyResource, REFERENCE_HELM_FLAGS, resources, synthJson, testStack } from '../support/synth';

const DOMAIN = 'gitpod.example.com';

function gcpInstallation(cloudProps: Partial<ConstructorParameters<typeof GoogleCloudDns>[0]> = {}, zoneProps: { existingZoneId?: string } = {}) {
  const stack = testStack();
  const cloud = new GoogleCloudDns({ project: 'my-project', ...cloudProps });
  const zone = new GitpodDnsZone(stack, 'zone', { cloud, domain: DOMAIN, ...zoneProps });
  const externalDns = new GitpodExternalDns(stack, 'external-dns', { zone });
  const certManager = new GitpodCertManager(stack, 'cert-manager', { zone });
  const issuer = new GitpodIssuer(K8sTesting.app(), 'issuer', { zone, email: 'admin@example.com' });
  return { stack, zone, externalDns, certManager, issuer, json: synthJson(stack) };
}

function releaseNamed(json: any, name: string) {
  return Object.values(resources(json, 'helm_release')).find((r: any) => r.name === name);
}

describe('GoogleCloudDns with Workload Identity (default)', () => {
  const { json, issuer } = gcpInstallation();

  test('creates a managed zone for the domain, with the trailing dot', () => {
    expect(onlyResource(json, 'google_dns_managed_zone')).toEqual({
      project: 'my-project',
      name: 'gitpod-example-com',
      dns_name: 'gitpod.example.com.',
      description: 'Gitpod: records managed by external-dns and cert-manager',
      labels: { 'app': 'gitpod', 'managed-by': 'cdk-gitpod-networking' },
      lifecycle: { prevent_destroy: true },
    });
  });

  test('outputs the name servers and the zone id', () => {
    expect(json.output.zone_name_servers.value).toMatch(/^\$\{google_dns_managed_zone\.zone_[0-9A-F]+\.name_servers\}$/);
    expect(json.output.zone_zone_id.value).toMatch(/^\$\{google_dns_managed_zone\.zone_[0-9A-F]+\.name\}$/);
  });

  test('creates one Google service account per workload, and no key', () => {
    const accounts = Object.values(resources(json, 'google_service_account')).map((a: any) => a.account_id).sort();
    expect(accounts).toEqual([expect.stringMatching(/^cert-manager-[0-9a-f]{6}$/), expect.stringMatching(/^external-dns-[0-9a-f]{6}$/)]);
    expect(resources(json, 'google_service_account_key')).toEqual({});
    expect(resources(json, 'kubernetes_secret_v1')).toEqual({});
  });

  test('grants roles/dns.admin on the zone only, and dns.reader on the project to external-dns alone', () => {
    const zoneGrants = Object.values(resources(json, 'google_dns_managed_zone_iam_member'));
    expect(zoneGrants).toHaveLength(2);
    for (const grant of zoneGrants) {
      expect(grant).toMatchObject({ project: 'my-project', role: 'roles/dns.admin' });
      expect(grant.managed_zone).toMatch(/google_dns_managed_zone\.zone_[0-9A-F]+\.name/);
    }
    const projectGrants = Object.values(resources(json, 'google_project_iam_member'));
    expect(projectGrants).toEqual([
      {
        project: 'my-project',
        role: 'roles/dns.reader',
        member: expect.stringMatching(/^serviceAccount:\$\{google_service_account\.external-dns_service-account_[0-9A-F]+\.email\}$/),
      },
    ]);
  });

  test('binds each Kubernetes service account through GKE Workload Identity', () => {
    const members = Object.values(resources(json, 'google_service_account_iam_member'));
    expect(members.map((m: any) => [m.role, m.member]).sort()).toEqual([
      ['roles/iam.workloadIdentityUser', 'serviceAccount:my-project.svc.id.goog[cert-manager/cert-manager]'],
      ['roles/iam.workloadIdentityUser', 'serviceAccount:my-project.svc.id.goog[external-dns/external-dns]'],
    ]);
  });

  test('installs external-dns from the pinned official chart with the reference flags', () => {
    const release: any = releaseNamed(json, 'external-dns');
    expect(release).toMatchObject({
      name: 'external-dns',
      namespace: 'external-dns',
      repository: 'https://kubernetes-sigs.github.io/external-dns/',
      chart: 'external-dns',
      version: '1.21.1',
      ...REFERENCE_HELM_FLAGS,
    });
    expect(helmValues(release)).toEqual({
      provider: { name: 'google' },
      extraArgs: { 'google-project': 'my-project', 'google-zone-visibility': 'public' },
      domainFilters: ['gitpod.example.com'],
      txtOwnerId: 'gitpod.example.com',
      policy: 'upsert-only',
      sources: ['service', 'ingress'],
      logFormat: 'json',
      affinity: OFF_WORKSPACE_NODES,
      serviceAccount: {
        create: true,
        name: 'external-dns',
        annotations: {
          'iam.gke.io/gcp-service-account': expect.stringMatching(/^\$\{google_service_account\.external-dns_service-account_[0-9A-F]+\.email\}$/),
        },
      },
    });
  });

  test('installs cert-manager with crds.enabled, the DNS-01 resolver flags and the Workload Identity annotation', () => {
    const release: any = releaseNamed(json, 'cert-manager');
    expect(release).toMatchObject({
      namespace: 'cert-manager',
      repository: 'https://charts.jetstack.io',
      chart: 'cert-manager',
      version: 'v1.21.1',
      ...REFERENCE_HELM_FLAGS,
    });
    const values = helmValues(release);
    expect(values).toEqual({
      crds: { enabled: true, keep: true },
      ...CERT_MANAGER_SCHEDULING,
      extraArgs: ['--dns01-recursive-nameservers-only', '--dns01-recursive-nameservers=8.8.8.8:53,1.1.1.1:53'],
      serviceAccount: {
        create: true,
        name: 'cert-manager',
        annotations: {
          'iam.gke.io/gcp-service-account': expect.stringMatching(/^\$\{google_service_account\.cert-manager_service-account_[0-9A-F]+\.email\}$/),
        },
      },
    });
    expect(values).not.toHaveProperty('installCRDs');
  });

  test('the ClusterIssuer uses cloudDNS with the project and zone, and no secret', () => {
    const objects = issuer.toJson();
    validateManifests(objects);
    const clusterIssuer = objects.find((o: any) => o.kind === 'ClusterIssuer');
    expect(clusterIssuer.spec.acme.solvers).toEqual([
      {
        selector: { dnsZones: ['gitpod.example.com'] },
        dns01: { cloudDNS: { project: 'my-project', hostedZoneName: 'gitpod-example-com' } },
      },
    ]);
  });

  test('matches the snapshot', () => {
    expect(json).toMatchSnapshot();
  });
});

describe('GoogleCloudDns with service account keys (the reference architecture way)', () => {
  const { json, issuer } = gcpInstallation({ identity: GoogleDnsIdentity.SERVICE_ACCOUNT_KEY });

  test('creates a key per account and no Workload Identity binding', () => {
    expect(Object.keys(resources(json, 'google_service_account_key'))).toHaveLength(2);
    expect(resources(json, 'google_service_account_iam_member')).toEqual({});
  });

  test('puts the cert-manager key into Secret clouddns-dns01-solver as key.json, before the release', () => {
    const secrets = Object.values(resources(json, 'kubernetes_secret_v1'));
    const solver: any = secrets.find((s: any) => s.metadata.name === 'clouddns-dns01-solver');
    expect(solver.metadata.namespace).toMatch(/kubernetes_namespace_v1\.cert-manager_namespace_[0-9A-F]+\.metadata\[0\]\.name/);
    expect(solver.data).toEqual({ 'key.json': expect.stringMatching(/^\$\{base64decode\(google_service_account_key\.cert-manager_key_[0-9A-F]+\.private_key\)\}$/) });
    const release: any = releaseNamed(json, 'cert-manager');
    expect(release.create_namespace).toBe(false);
    expect(release.depends_on).toEqual([expect.stringMatching(/^kubernetes_secret_v1\.cert-manager_credentials_[0-9A-F]+$/)]);
  });

  test('mounts the external-dns key and points GOOGLE_APPLICATION_CREDENTIALS at it', () => {
    const values = helmValues(releaseNamed(json, 'external-dns'));
    expect(values.env).toEqual([{ name: 'GOOGLE_APPLICATION_CREDENTIALS', value: '/etc/secrets/google/credentials.json' }]);
    expect(values.extraVolumes).toEqual([{ name: 'google-credentials', secret: { secretName: 'external-dns-google-credentials' } }]);
    expect(values.extraVolumeMounts).toEqual([{ name: 'google-credentials', mountPath: '/etc/secrets/google', readOnly: true }]);
    expect(values.serviceAccount.annotations).toBeUndefined();
  });

  test('the solver references the key Secret', () => {
    const clusterIssuer = issuer.toJson().find((o: any) => o.kind === 'ClusterIssuer');
    expect(clusterIssuer.spec.acme.solvers[0].dns01.cloudDNS).toEqual({
      project: 'my-project',
      hostedZoneName: 'gitpod-example-com',
      serviceAccountSecretRef: { name: 'clouddns-dns01-solver', key: 'key.json' },
    });
    validateManifests(issuer.toJson());
  });

  test('never writes key material into an output', () => {
    expect(JSON.stringify(json.output)).not.toMatch(/private_key/);
  });
});

describe('GoogleCloudDns options', () => {
  test('PROJECT role scope grants roles/dns.admin on the project, as the reference does', () => {
    const { json } = gcpInstallation({ roleScope: GoogleDnsRoleScope.PROJECT });
    expect(resources(json, 'google_dns_managed_zone_iam_member')).toEqual({});
    const roles = Object.values(resources(json, 'google_project_iam_member')).map((m: any) => m.role);
    expect(roles).toEqual(['roles/dns.admin', 'roles/dns.admin']);
  });

  test('a separate cluster project sets the Workload Identity pool', () => {
    const { json } = gcpInstallation({ clusterProject: 'my-cluster-project' });
    const members = Object.values(resources(json, 'google_service_account_iam_member')).map((m: any) => m.member);
    expect(members).toContain('serviceAccount:my-cluster-project.svc.id.goog[cert-manager/cert-manager]');
  });

  test('an existing zone is looked up by name and used by the solver', () => {
    const { json, issuer } = gcpInstallation({}, { existingZoneId: 'corp-zone' });
    expect(resources(json, 'google_dns_managed_zone')).toEqual({});
    expect(Object.values(json.data.google_dns_managed_zone)).toEqual([expect.objectContaining({ name: 'corp-zone', project: 'my-project' })]);
    expect(json.output.zone_zone_id.value).toBe('corp-zone');
    expect(issuer.clusterIssuer.toJson().spec.acme.solvers[0].dns01.cloudDNS.hostedZoneName).toBe('corp-zone');
  });
});

describe('GoogleCloudDns bad input fails at synth with the property named', () => {
  test('a missing project', () => {
    expect(() => new GoogleCloudDns({} as any)).toThrow(/^GoogleCloudDns\.project: expected a Google Cloud project id/);
  });
  test('a malformed project', () => {
    expect(() => new GoogleCloudDns({ project: 'My Project' })).toThrow(/^GoogleCloudDns\.project: expected .*got "My Project"/);
  });
  test.each([
    ['a role scope from JavaScript that is not one: never a silent project-wide grant', { roleScope: 'Zone' }, /^GoogleCloudDns\.roleScope: expected one of GoogleDnsRoleScope\.ZONE, GoogleDnsRoleScope\.PROJECT, got "Zone"/],
    ['an identity mode that is not one', { identity: 'key' }, /^GoogleCloudDns\.identity: expected one of GoogleDnsIdentity\.WORKLOAD_IDENTITY, GoogleDnsIdentity\.SERVICE_ACCOUNT_KEY, got "key"/],
  ])('%s', (_, props, error) => {
    expect(() => new GoogleCloudDns({ project: 'my-project', ...props } as any)).toThrow(error);
  });
  test('a malformed cluster project', () => {
    expect(() => new GoogleCloudDns({ project: 'my-project', clusterProject: 'x' })).toThrow(/^GoogleCloudDns\.clusterProject:/);
  });
  test('a malformed existing zone name', () => {
    const stack = testStack();
    const cloud = new GoogleCloudDns({ project: 'my-project' });
    expect(() => new GitpodDnsZone(stack, 'zone', { cloud, domain: DOMAIN, existingZoneId: 'Corp_Zone' })).toThrow(/^GitpodDnsZone\.existingZoneId: expected a Cloud DNS managed zone name/);
  });
});

describe('GoogleCloudDns records and delegation', () => {
  function zoneJson(props: { loadBalancerAddress?: string; parentZoneId?: string }) {
    const stack = testStack();
    new GitpodDnsZone(stack, 'zone', { cloud: new GoogleCloudDns({ project: 'my-project' }), domain: DOMAIN, ...props });
    return synthJson(stack);
  }

  test('A records for the three names in the zone, when there is no external-dns', () => {
    const records = Object.values(resources(zoneJson({ loadBalancerAddress: '203.0.113.10' }), 'google_dns_record_set'));
    expect(records.map((r: any) => [r.name, r.type, r.ttl, r.rrdatas])).toEqual([
      ['gitpod.example.com.', 'A', 300, ['203.0.113.10']],
      ['*.gitpod.example.com.', 'A', 300, ['203.0.113.10']],
      ['*.ws.gitpod.example.com.', 'A', 300, ['203.0.113.10']],
    ]);
    for (const r of records as any[]) expect(r.managed_zone).toMatch(/google_dns_managed_zone\.zone_[0-9A-F]+\.name/);
  });

  test('an NS record set in the parent zone with the new zone\'s name servers', () => {
    const json = zoneJson({ parentZoneId: 'example-com' });
    expect(onlyResource(json, 'google_dns_record_set')).toEqual({
      project: 'my-project',
      managed_zone: 'example-com',
      name: 'gitpod.example.com.',
      type: 'NS',
      ttl: 300,
      rrdatas: expect.stringMatching(/^\$\{google_dns_managed_zone\.zone_[0-9A-F]+\.name_servers\}$/),
    });
  });

  test('a malformed parent zone name fails at synth', () => {
    expect(() => zoneJson({ parentZoneId: 'Example.com' })).toThrow(/^GitpodDnsZone\.parentZoneId: expected a Cloud DNS managed zone name/);
  });
});
