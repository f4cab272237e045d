// What the Gitpod installer consumes: the certificate's names, kind and labels, and the config
// fragment (file and Terraform output).
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { Testing as K8sTesting } from 'cdk8s';
import { parse } from 'yaml';
import { GitpodCertManager, GitpodDnsZone, GitpodIssuer, GitpodIssuerKind, GitpodManifests, GitpodManifestsApp, GoogleCloudDns, GoogleDnsIdentity } from '../src';
import { FakeCloud } from './support/fake-cloud';
import { validateManifests } from './support/manifests';
import { helmValues, onlyResource, synthJson, testStack } from './support/synth';

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
    expect(helmValues(onlyResource(synthJson(stack), 'helm_release')).extraArgs).toContain('--issuer-ambient-credentials');
  });

  test('secret labels are settable and validated', () => {
    const { zone } = zoneOn();
    const issuer = new GitpodIssuer(K8sTesting.app(), 'issuer', { zone, email: 'a@example.com', secretLabels: { 'app': 'gitpod', 'velero.io/backup': 'true' } });
    expect(issuer.certificate.toJson().spec.secretTemplate).toEqual({ labels: { 'app': 'gitpod', 'velero.io/backup': 'true' } });
    expect(() => new GitpodIssuer(K8sTesting.app(), 'i2', { zone, email: 'a@example.com', secretLabels: { 'bad key!': 'x' } })).toThrow(/^GitpodIssuer\.secretLabels: expected Kubernetes labels/);
  });
});

describe('the installer config fragment', () => {
  test('names the domain and the certificate Secret', () => {
    const { zone } = zoneOn();
    const issuer = new GitpodIssuer(K8sTesting.app(), 'issuer', { zone, email: 'a@example.com' });
    expect(issuer.installerConfig).toEqual({ domain: 'gitpod.example.com', certificate: { kind: 'secret', name: 'https-certificates' } });
    expect(parse(issuer.installerConfigYaml())).toEqual(issuer.installerConfig);
    expect(issuer.installerConfigYaml()).toMatch(/^# Gitpod installer config for gitpod\.example\.com/);
  });

  test('carries the shortname and, on request, the proxy annotations with the cloud\'s own', () => {
    const { zone } = zoneOn(new GoogleCloudDns({ project: 'my-project' }));
    const issuer = new GitpodIssuer(K8sTesting.app(), 'issuer', { zone, email: 'a@example.com', shortname: 'eu1', proxyServiceAnnotations: true });
    expect(issuer.installerConfig).toEqual({
      domain: 'gitpod.example.com',
      certificate: { kind: 'secret', name: 'https-certificates' },
      metadata: { shortname: 'eu1' },
      experimental: {
        webapp: {
          proxy: {
            serviceAnnotations: {
              'external-dns.alpha.kubernetes.io/hostname': 'gitpod.example.com,*.gitpod.example.com,*.ws-eu1.gitpod.example.com',
              'cloud.google.com/neg': '{"exposed_ports": {"80":{},"443": {}}}',
            },
          },
        },
      },
    });
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

  test('GitpodManifests outputs it from the issuer stack', () => {
    const { zone } = zoneOn();
    const issuer = new GitpodIssuer(K8sTesting.app(), 'issuer', { zone, email: 'a@example.com' });
    const stack = testStack('cluster');
    new KubernetesProvider(stack, 'k8s', {});
    new GitpodManifests(stack, 'issuer', { chart: issuer });
    expect(synthJson(stack).output.issuer_installer_config.value).toBe(issuer.installerConfigYaml());
  });
});
