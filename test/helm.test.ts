// The `helm template` harness itself (test/support/helm.ts): that it renders a helm_release as the
// Terraform Helm provider installs it, and that its finders and ignoredValuePaths tell the truth.
import { findObject, containerArgs, ignoredValuePaths, leafPaths, podSpecs, renderChart, renderRelease, unreadValuePaths } from './support/helm';
import { validateManifests } from './support/manifests';

const CERT_MANAGER = { chart: 'cert-manager', version: 'v1.21.1' };
const EXTERNAL_DNS = { chart: 'external-dns', version: '1.21.1' };
const TRUST_MANAGER = { chart: 'trust-manager', version: 'v0.24.0' };

/** A synthesized helm_release body of the cert-manager chart, as the library writes one. */
function certManagerRelease(values: object[], more: object = {}): any {
  return {
    name: 'cert-manager',
    namespace: 'cert-manager',
    repository: 'https://charts.jetstack.io',
    ...CERT_MANAGER,
    values: values.map((v) => JSON.stringify(v, undefined, 2)),
    atomic: true,
    wait: true,
    ...more,
  };
}

const webhookPort = (objects: any[]) =>
  findObject(objects, 'Deployment', 'cert-manager-webhook').spec.template.spec.containers[0].ports.find((p: any) => p.name === 'https').containerPort;

describe('renderRelease', () => {
  test('renders cert-manager with crds.enabled: the 3 Deployments, the startupapicheck Job and the 6 CRDs, in the release namespace', () => {
    const objects = renderRelease(certManagerRelease([{ crds: { enabled: true } }]));
    expect(podSpecs(objects).map(({ kind, name }) => `${kind}/${name}`).sort()).toEqual([
      'Deployment/cert-manager',
      'Deployment/cert-manager-cainjector',
      'Deployment/cert-manager-webhook',
      'Job/cert-manager-startupapicheck',
    ]);
    for (const { spec } of podSpecs(objects)) expect(spec.containers.length).toBeGreaterThan(0);
    expect(objects.filter((o) => o.kind === 'CustomResourceDefinition')).toHaveLength(6);
    expect(findObject(objects, 'Deployment', 'cert-manager').metadata.namespace).toBe('cert-manager');
    // No empty documents: every object has a kind.
    expect(objects.every((o) => typeof o.kind === 'string')).toBe(true);
    // The values decide: without crds.enabled there are none.
    expect(renderRelease(certManagerRelease([{}])).filter((o) => o.kind === 'CustomResourceDefinition')).toEqual([]);
  });

  test('a set entry is parsed like --set: webhook.securePort "10260" renders port 10260 as a number', () => {
    const objects = renderRelease(certManagerRelease([{}], { set: [{ name: 'webhook.securePort', value: '10260' }] }));
    expect(webhookPort(objects)).toBe(10260);
    expect(containerArgs(objects, 'cert-manager-webhook')).toContain('--secure-port=10260');
    expect(webhookPort(renderRelease(certManagerRelease([{}])))).toBe(10250);
  });

  test('type string is --set-string (a string, which the chart schema refuses, with helm\'s message), type literal is --set-literal', () => {
    expect(() => renderRelease(certManagerRelease([{}], { set: [{ name: 'webhook.securePort', value: '10260', type: 'string' }] }))).toThrow(
      /helm template of cert-manager@v1\.21\.1 failed[\s\S]*\/webhook\/securePort'?: got string, want number/,
    );
    // --set splits at commas; --set-literal takes the value as it is.
    const note = { name: 'podAnnotations.note', value: 'a,b=c' };
    expect(() => renderRelease(certManagerRelease([{}], { set: [note] }))).toThrow(/helm template .* failed/);
    const objects = renderRelease(certManagerRelease([{}], { set: [{ ...note, type: 'literal' }] }));
    expect(findObject(objects, 'Deployment', 'cert-manager').spec.template.metadata.annotations.note).toBe('a,b=c');
  });

  test('values documents apply in order, then set, then set_sensitive: the later wins', () => {
    const replicas = (release: any) => findObject(renderRelease(release), 'Deployment', 'cert-manager').spec.replicas;
    expect(replicas(certManagerRelease([{ replicaCount: 2 }, { replicaCount: 3 }]))).toBe(3);
    expect(replicas(certManagerRelease([{ replicaCount: 3 }, { replicaCount: 2 }]))).toBe(2);
    expect(replicas(certManagerRelease([{ replicaCount: 2 }], { set: [{ name: 'replicaCount', value: '4' }] }))).toBe(4);
    expect(replicas(certManagerRelease([{ replicaCount: 2 }], {
      set: [{ name: 'replicaCount', value: '4' }],
      set_sensitive: [{ name: 'replicaCount', value: '5' }],
    }))).toBe(5);
  });

  test('set_list is --set name={a,b}, between set and set_sensitive', () => {
    const args = (more: object) => containerArgs(renderRelease(certManagerRelease([{ extraArgs: ['--from-values'] }], more)), 'cert-manager');
    expect(args({ set_list: [{ name: 'extraArgs', value: ['--a=1', '--b'] }] })).toEqual(expect.arrayContaining(['--a=1', '--b']));
    expect(args({ set_list: [{ name: 'extraArgs', value: ['--a=1', '--b'] }] })).not.toContain('--from-values');
    expect(args({ set_list: [{ name: 'extraArgs', value: ['--a=1'] }], set_sensitive: [{ name: 'extraArgs[0]', value: '--c' }] })).toContain('--c');
  });

  test('refuses typed entries in an order helm cannot reproduce (it applies every --set before any --set-string)', () => {
    const release = certManagerRelease([{}], {
      set: [{ name: 'podAnnotations.note', value: 'one', type: 'string' }],
      set_sensitive: [{ name: 'podAnnotations.note', value: 'two' }],
    });
    expect(() => renderRelease(release)).toThrow(/--set-string podAnnotations\.note before --set podAnnotations\.note: helm applies every --set before/);
    // Different paths, or the kinds in helm's own order, are fine.
    const fine = certManagerRelease([{}], {
      set: [{ name: 'podAnnotations.note', value: 'one' }],
      set_sensitive: [{ name: 'podAnnotations.other', value: '2', type: 'string' }, { name: 'podAnnotations.note', value: 'two', type: 'string' }],
    });
    expect(findObject(renderRelease(fine), 'Deployment', 'cert-manager').spec.template.metadata.annotations).toMatchObject({ note: 'two', other: '2' });
  });

  test('a Terraform token is a plain string to Helm: it reaches the annotation unchanged', () => {
    const token = '${google_service_account.cert-manager_service-account_E762CB50.email}';
    const objects = renderRelease(certManagerRelease([{ serviceAccount: { annotations: { 'iam.gke.io/gcp-service-account': token } } }]));
    expect(findObject(objects, 'ServiceAccount', 'cert-manager').metadata.annotations).toEqual({ 'iam.gke.io/gcp-service-account': token });
  });

  test('a chart version that is not vendored fails naming the missing archive', () => {
    expect(() => renderRelease(certManagerRelease([{}], { version: 'v1.99.0' }))).toThrow(
      /chart cert-manager@v1\.99\.0 is not vendored: missing \/.*upstream\/charts\/cert-manager-v1\.99\.0\.tgz/,
    );
    expect(() => renderChart('no-such-chart', '1.0.0', {})).toThrow(/missing .*no-such-chart-1\.0\.0\.tgz/);
  });

  test('installs the chart\'s crds/ directory unless skip_crds, as the provider does', () => {
    const crds = (more: object) => renderRelease({ name: 'external-dns', namespace: 'external-dns', ...EXTERNAL_DNS, values: ['{}'], ...more })
      .filter((o) => o.kind === 'CustomResourceDefinition')
      .map((o) => o.metadata.name);
    expect(crds({})).toEqual(['dnsendpoints.externaldns.k8s.io']);
    expect(crds({ skip_crds: true })).toEqual([]);
  });

  test('passes --api-versions: the templates see them in .Capabilities', () => {
    const values = {
      extraObjects: ['{ apiVersion: v1, kind: ConfigMap, metadata: { name: caps }, data: { monitoring: \'{{ .Capabilities.APIVersions.Has "monitoring.coreos.com/v1" }}\' } }'],
    };
    const seen = (apiVersions?: string[]) => findObject(renderRelease(certManagerRelease([values]), { apiVersions }), 'ConfigMap', 'caps').data.monitoring;
    expect(seen()).toBe('false');
    expect(seen(['monitoring.coreos.com/v1'])).toBe('true');
  });

  test('returns a copy of the cached render: changing it changes no later render', () => {
    const release = certManagerRelease([{}]);
    const first = renderRelease(release);
    findObject(first, 'Deployment', 'cert-manager').spec.replicas = 7;
    expect(findObject(renderRelease(release), 'Deployment', 'cert-manager').spec.replicas).toBe(1);
  });
});

describe('renderChart and the finders', () => {
  test('renders a plain values object under the given release name and namespace', () => {
    const objects = renderChart(EXTERNAL_DNS.chart, EXTERNAL_DNS.version, { provider: { name: 'google' } }, { releaseName: 'my-external-dns', namespace: 'net' });
    expect(findObject(objects, 'Deployment', 'my-external-dns').metadata.namespace).toBe('net');
    expect(containerArgs(objects, 'my-external-dns')).toContain('--provider=google');
    expect(containerArgs(objects, 'my-external-dns', 'external-dns')).toContain('--provider=google');
  });

  test('findObject and containerArgs fail on what is not there, or is there twice', () => {
    const objects = renderChart(CERT_MANAGER.chart, CERT_MANAGER.version, {}, { namespace: 'cert-manager' });
    expect(() => findObject(objects, 'Deployment', 'nope')).toThrow(/expected one Deployment named nope, found 0 among: .*Deployment\/cert-manager/);
    expect(() => findObject(objects, 'Deployment')).toThrow(/expected one Deployment, found 3/);
    expect(() => containerArgs(objects, 'cert-manager', 'sidecar')).toThrow(/Deployment cert-manager has no container sidecar \(has: cert-manager-controller\)/);
  });
});

describe('ignoredValuePaths', () => {
  test('reports domainFilter (misspelt) as ignored by external-dns 1.21.1, and not domainFilters', () => {
    const values = { domainFilter: ['gitpod.example.com'], domainFilters: ['gitpod.example.com'] };
    expect(ignoredValuePaths(EXTERNAL_DNS.chart, EXTERNAL_DNS.version, values, [['domainFilter'], ['domainFilters']])).toEqual([['domainFilter']]);
  });

  test('reports a value equal to the chart default (the limitation), and nested paths work', () => {
    const values = { policy: 'upsert-only', serviceAccount: { annotations: { a: 'b' } }, logFormat: 'json' };
    expect(ignoredValuePaths(EXTERNAL_DNS.chart, EXTERNAL_DNS.version, values, leafPaths(values))).toEqual([['policy']]);
  });

  test('unreadValuePaths tells a value equal to what the chart computes (read) from a misspelt key (unread)', () => {
    // external-dns names its ServiceAccount after the release's full name: deleting the name
    // changes nothing, but another name does.
    const values = { serviceAccount: { name: 'external-dns' }, domainFilter: ['gitpod.example.com'] };
    const paths = [['serviceAccount', 'name'], ['domainFilter']];
    expect(ignoredValuePaths(EXTERNAL_DNS.chart, EXTERNAL_DNS.version, values, paths, { releaseName: 'external-dns' })).toEqual(paths);
    expect(unreadValuePaths(EXTERNAL_DNS.chart, EXTERNAL_DNS.version, values, paths, { releaseName: 'external-dns' })).toEqual([['domainFilter']]);
  });

  test('leafPaths: scalars, arrays as a whole, and empty objects', () => {
    expect(leafPaths({ a: { b: 1, c: [1, 2], d: {} }, e: 'x' })).toEqual([['a', 'b'], ['a', 'c'], ['a', 'd'], ['e']]);
  });
});

describe('every object of each chart, with the default values, is valid', () => {
  test.each([
    ['cert-manager', CERT_MANAGER, {}],
    ['cert-manager with its CRDs', CERT_MANAGER, { crds: { enabled: true } }],
    ['external-dns', EXTERNAL_DNS, {}],
    ['trust-manager', TRUST_MANAGER, {}],
  ])('%s', (_name, { chart, version }, values) => {
    const objects = renderChart(chart, version, values, { namespace: chart === 'external-dns' ? 'external-dns' : 'cert-manager' });
    expect(objects.length).toBeGreaterThan(5);
    expect(() => validateManifests(objects)).not.toThrow();
  });

  test('the validation fails a rendered object the schema refuses, and an unknown apiVersion', () => {
    const objects = renderChart(EXTERNAL_DNS.chart, EXTERNAL_DNS.version, {}, { namespace: 'external-dns' });
    findObject(objects, 'Deployment').spec.replicas = 'one';
    expect(() => validateManifests(objects)).toThrow(/Deployment external-dns\/external-dns: .*replicas must be integer/);
    expect(() => validateManifests([{ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }])).toThrow(/no schema known for example\.com\/v1 Widget/);
  });
});
