// What the Gitpod installer consumes: the certificate's names, kind and labels, and the config
// fragment (file and Terraform output).
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { ApiObject, Chart, Testing as K8sTesting } from 'cdk8s';
import { Construct } from 'constructs';
import { parse } from 'yaml';
import { AwsRoute53, AzureDns, GitpodCertManager, GitpodDnsZone, GitpodIssuer, GitpodIssuerKind, GitpodManifests, GitpodManifestsApp, GoogleCloudDns, GoogleDnsIdentity } from '../src';
import { FakeCloud } from './support/fake-cloud';
import { validateManifests } from './support/manifests';
import { helmValues, releaseNamed, synthJson, testStack } from './support/synth';

function zoneOn(cloud: any = new FakeCloud()) {
  const stack = testStack();
  return { stack, zone: new GitpodDnsZone(stack, 'zone', { cloud, domain: 'gitpod.example.com' }) };
}

describe('the certificate the installer accepts', () => {
  test('a shortname adds *.ws-<shortname>.<domain>', () => {
    const { zone } = zoneOn();
    const issuer = new GitpodIssuer(K8sTesting.app(), 'issuer', { zone, email: 'a@example.com', shortname: 'eu1' });
    expect(issuer.certificate.toJson().spec.dnsNames).toEqual([
      'gitpod.example.com', '*.gitpod.example.com', '*.ws.gitpod.example.com', '*.ws-eu1.gitpod.example.com',
    ]);
    validateManifests(issuer.toJson());
  });

  test('a shortname that is not a DNS label fails with the property named', () => {
    const { zone } = zoneOn();
    expect(() => new GitpodIssuer(K8sTesting.app(), 'issuer', { zone, email: 'a@example.com', shortname: 'EU 1' })).toThrow(/^GitpodIssuer\.shortname: expected a DNS label/);
  });

  test('a namespaced Issuer lives in the Gitpod namespace and the Certificate refers to it', () => {
    const { zone } = zoneOn();
    const issuer = new GitpodIssuer(K8sTesting.app(), 'issuer', { zone, email: 'a@example.com', issuerKind: GitpodIssuerKind.ISSUER, gitpodNamespace: 'gp' });
    const objects = issuer.toJson();
    validateManifests(objects);
    expect(objects.find((o: any) => o.kind === 'Issuer').metadata).toEqual({ name: 'gitpod-issuer', namespace: 'gp' });
    expect(objects.find((o: any) => o.kind === 'ClusterIssuer')).toBeUndefined();
    expect(issuer.certificate.toJson().spec.issuerRef).toEqual({ name: 'gitpod-issuer', kind: 'Issuer', group: 'cert-manager.io' });
  });

  test('a namespaced Issuer is refused where the solver reads a Secret from cert-manager\'s namespace', () => {
    const { zone } = zoneOn(new GoogleCloudDns({ project: 'my-project', identity: GoogleDnsIdentity.SERVICE_ACCOUNT_KEY }));
    expect(() => new GitpodIssuer(K8sTesting.app(), 'issuer', { zone, email: 'a@example.com', issuerKind: GitpodIssuerKind.ISSUER })).toThrow(
      /^GitpodIssuer\.issuerKind: expected GitpodIssuerKind\.CLUSTER_ISSUER: the gcp solver reads a credential Secret/,
    );
  });

  test('cert-manager can give namespaced Issuers the cloud identity', () => {
    const { stack, zone } = zoneOn();
    new GitpodCertManager(stack, 'cm', { zone, issuerAmbientCredentials: true });
    expect(helmValues(releaseNamed(synthJson(stack), 'cert-manager')).extraArgs).toContain('--issuer-ambient-credentials');
  });

  test('secret labels are settable and validated', () => {
    const { zone } = zoneOn();
    const issuer = new GitpodIssuer(K8sTesting.app(), 'issuer', { zone, email: 'a@example.com', secretLabels: { 'app': 'gitpod', 'velero.io/backup': 'true' } });
    expect(issuer.certificate.toJson().spec.secretTemplate).toEqual({ labels: { 'app': 'gitpod', 'velero.io/backup': 'true' } });
    expect(() => new GitpodIssuer(K8sTesting.app(), 'i2', { zone, email: 'a@example.com', secretLabels: { 'bad key!': 'x' } })).toThrow(/^GitpodIssuer\.secretLabels: expected Kubernetes labels/);
  });
});

describe('the installer config fragment', () => {
  test('names the domain and the certificate Secret, and the render command needs no experimental flag', () => {
    const { zone } = zoneOn(new FakeCloud(undefined, {}));
    const issuer = new GitpodIssuer(K8sTesting.app(), 'issuer', { zone, email: 'a@example.com' });
    expect(issuer.installerConfig).toEqual({ domain: 'gitpod.example.com', certificate: { kind: 'secret', name: 'https-certificates' } });
    expect(parse(issuer.installerConfigYaml())).toEqual(issuer.installerConfig);
    expect(issuer.installerConfigYaml().split('\n').slice(0, 3)).toEqual([
      '# Gitpod installer config for gitpod.example.com, from cdk-gitpod-networking.',
      '# Merge into gitpod.config.yaml; render Gitpod into the namespace of the certificate:',
      '#   gitpod-installer render --config gitpod.config.yaml --namespace gitpod',
    ]);
  });

  test('carries proxy annotations a cloud needs beyond the installer\'s, and then the --use-experimental-config flag', () => {
    const { zone } = zoneOn(new FakeCloud(undefined, { 'fake.example.com/lb': 'internal' }));
    const issuer = new GitpodIssuer(K8sTesting.app(), 'issuer', { zone, email: 'a@example.com', shortname: 'eu1', gitpodNamespace: 'gp' });
    expect(issuer.installerConfig).toEqual({
      domain: 'gitpod.example.com',
      certificate: { kind: 'secret', name: 'https-certificates' },
      metadata: { shortname: 'eu1' },
      experimental: { webapp: { proxy: { serviceAnnotations: { 'fake.example.com/lb': 'internal' } } } },
    });
    expect(issuer.installerRenderCommand()).toBe('gitpod-installer render --config gitpod.config.yaml --namespace gp --use-experimental-config');
    expect(issuer.installerConfigYaml()).toContain('#   gitpod-installer render --config gitpod.config.yaml --namespace gp --use-experimental-config\n');
  });

  test.each([
    ['Google Cloud', () => new GoogleCloudDns({ project: 'my-project' })],
    ['AWS', () => new AwsRoute53({ region: 'eu-west-1', oidcProviderArn: 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE' })],
    ['Azure', () => new AzureDns({
      subscriptionId: '00000000-0000-0000-0000-000000000000',
      tenantId: '11111111-1111-1111-1111-111111111111',
      resourceGroupName: 'gitpod',
      location: 'westeurope',
      oidcIssuerUrl: 'https://westeurope.oic.prod-aks.azure.com/tenant/issuer/',
    })],
  ])('on %s it leaves the proxy Service annotations to the installer (hostname and NEG): no experimental keys', (_, cloud) => {
    const { zone } = zoneOn(cloud());
    const issuer = new GitpodIssuer(K8sTesting.app(), 'issuer', { zone, email: 'a@example.com', shortname: 'eu1' });
    expect(issuer.installerConfig).toEqual({ domain: 'gitpod.example.com', certificate: { kind: 'secret', name: 'https-certificates' }, metadata: { shortname: 'eu1' } });
    expect(issuer.installerConfigYaml()).not.toMatch(/experimental|external-dns\.alpha|cloud\.google\.com\/neg/);
  });

  test.each(['default', ''])('shortname %j is no shortname, as in the installer: workspaces under *.ws.<domain>', (shortname) => {
    const { zone } = zoneOn(new FakeCloud(undefined, {}));
    const issuer = new GitpodIssuer(K8sTesting.app(), 'issuer', { zone, email: 'a@example.com', shortname });
    expect(issuer.dnsNames).toEqual(['gitpod.example.com', '*.gitpod.example.com', '*.ws.gitpod.example.com']);
    expect(issuer.installerConfig).toEqual({ domain: 'gitpod.example.com', certificate: { kind: 'secret', name: 'https-certificates' } });
  });

  test('GitpodManifestsApp writes it beside the manifests, outside kubectl apply -f <outdir>', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'gitpod-installer-'));
    const app = new GitpodManifestsApp({ outdir });
    const { zone } = zoneOn();
    const issuer = new GitpodIssuer(app, 'gitpod-fake-issuer', { zone, email: 'a@example.com' });
    app.synth();
    expect(readdirSync(outdir).sort()).toEqual(['gitpod-fake-issuer.k8s.yaml', 'installer']);
    const file = join(outdir, 'installer', 'gitpod-fake-issuer.config.yaml');
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(issuer.installerConfigYaml());
  });

  test('other charts in the app get no fragment (cdk8s makes instanceof true for any chart)', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'gitpod-installer-'));
    const app = new GitpodManifestsApp({ outdir });
    new Chart(app, 'other');
    new GitpodIssuer(app, 'issuer', { zone: zoneOn().zone, email: 'a@example.com' });
    app.synth();
    expect(readdirSync(join(outdir, 'installer'))).toEqual(['issuer.config.yaml']);
    expect(GitpodIssuer.isGitpodIssuer(new Chart(K8sTesting.app(), 'plain'))).toBe(false);
  });

  test('GitpodManifests of a chart that is no issuer writes no fragment output', () => {
    const stack = testStack('cluster');
    new KubernetesProvider(stack, 'k8s', {});
    const chart = new Chart(K8sTesting.app(), 'plain');
    new ApiObject(chart, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } });
    new GitpodManifests(stack, 'plain', { chart });
    expect(synthJson(stack).output).toBeUndefined();
  });

  test('two issuers with the same id in different scopes write two fragments', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'gitpod-installer-'));
    const app = new GitpodManifestsApp({ outdir });
    const issuers = ['eu', 'us'].map((region) => new GitpodIssuer(new Construct(app, region), 'issuer', {
      zone: new GitpodDnsZone(testStack(), 'zone', { cloud: new FakeCloud(), domain: `gitpod-${region}.example.com` }),
      email: 'a@example.com',
    }));
    app.synth();
    const fragments = readdirSync(join(outdir, 'installer')).sort();
    expect(fragments).toHaveLength(2);
    expect(fragments.map((f) => readFileSync(join(outdir, 'installer', f), 'utf8')).sort()).toEqual(issuers.map((i) => i.installerConfigYaml()).sort());
    // Named like the charts' own manifests.
    expect(readdirSync(outdir).filter((f) => f.endsWith('.k8s.yaml')).sort()).toEqual(fragments.map((f) => f.replace('.config.yaml', '.k8s.yaml')));
  });

  test('GitpodManifests outputs it from the issuer stack, the description naming the render command', () => {
    const { zone } = zoneOn();
    const issuer = new GitpodIssuer(K8sTesting.app(), 'issuer', { zone, email: 'a@example.com' });
    const stack = testStack('cluster');
    new KubernetesProvider(stack, 'k8s', {});
    new GitpodManifests(stack, 'issuer', { chart: issuer });
    const output = synthJson(stack).output.issuer_installer_config;
    expect(output.value).toBe(issuer.installerConfigYaml());
    expect(output.description).toMatch(/then: gitpod-installer render --config gitpod\.config\.yaml --namespace gitpod --use-experimental-config$/);
  });
});
