// The reference architecture's other modes that do not depend on the cloud: bring your own
// certificate, trust-manager, and the reference-architecture guard.
import { writeFileSync, mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { Aspects, Testing, TerraformStack } from 'cdktf';
import { AzureDns, AzureDnsIdentity, GitpodCertManager, GitpodDnsZone, GitpodExternalDns, GitpodReferenceChecks, GitpodTlsSecret } from '../src';
import { FakeCloud } from './support/fake-cloud';
import { helmValues, OFF_WORKSPACE_NODES, onlyResource, REFERENCE_HELM_FLAGS, resources, synthJson, testStack } from './support/synth';

const CERT = join(__dirname, 'fixtures/test-only.crt');
const KEY = join(__dirname, 'fixtures/test-only.key');

describe('GitpodTlsSecret (bring your own certificate)', () => {
  test('creates the kubernetes.io/tls Secret from the files at apply time: only paths are synthesized', () => {
    const stack = testStack();
    const tls = new GitpodTlsSecret(stack, 'tls', { certificateFile: CERT, keyFile: KEY });
    const json = synthJson(stack);
    expect(onlyResource(json, 'kubernetes_namespace_v1')).toEqual({ metadata: { name: 'gitpod' }, lifecycle: { prevent_destroy: true } });
    expect(onlyResource(json, 'kubernetes_secret_v1')).toEqual({
      lifecycle: { prevent_destroy: true },
      metadata: { name: 'https-certificates', namespace: expect.stringMatching(/kubernetes_namespace_v1\.tls_namespace_[0-9A-F]+\.metadata\[0\]\.name/), labels: { app: 'gitpod' } },
      type: 'kubernetes.io/tls',
      data: { 'tls.crt': `\${file("${CERT}")}`, 'tls.key': `\${file("${KEY}")}` },
    });
    expect(JSON.stringify(json)).not.toMatch(/BEGIN/);
    expect(tls.installerConfig).toEqual({ certificate: { kind: 'secret', name: 'https-certificates' } });
  });

  test('uses an existing namespace when asked', () => {
    const stack = testStack();
    new GitpodTlsSecret(stack, 'tls', { certificateFile: CERT, keyFile: KEY, createNamespace: false, gitpodNamespace: 'gp' });
    const json = synthJson(stack);
    expect(resources(json, 'kubernetes_namespace_v1')).toEqual({});
    expect(onlyResource(json, 'kubernetes_secret_v1').metadata.namespace).toBe('gp');
  });

  test('a missing file fails at synth with the property named', () => {
    expect(() => new GitpodTlsSecret(testStack(), 'tls', { certificateFile: '/nonexistent/cert.pem', keyFile: KEY })).toThrow(
      /^GitpodTlsSecret\.certificateFile: expected an existing file holding a PEM certificate/,
    );
  });

  test('a directory, or a path through a file, fails with the property named instead of EISDIR or ENOTDIR', () => {
    expect(() => new GitpodTlsSecret(testStack(), 'tls', { certificateFile: __dirname, keyFile: KEY })).toThrow(
      /^GitpodTlsSecret\.certificateFile: expected a file holding a PEM certificate .*got ".*\(a directory: /,
    );
    expect(() => new GitpodTlsSecret(testStack(), 'tls', { certificateFile: CERT, keyFile: `${KEY}/key.pem` })).toThrow(
      /^GitpodTlsSecret\.keyFile: expected a readable file holding a PEM private key .*\(ENOTDIR at /,
    );
  });

  test('a file that is not PEM, or a key where the certificate belongs, fails at synth', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gitpod-tls-'));
    const notPem = join(dir, 'cert.der');
    writeFileSync(notPem, Buffer.from([0x30, 0x82, 0x01, 0x0a]));
    expect(() => new GitpodTlsSecret(testStack(), 'tls', { certificateFile: notPem, keyFile: KEY })).toThrow(/^GitpodTlsSecret\.certificateFile: expected a file holding a PEM certificate/);
    expect(() => new GitpodTlsSecret(testStack(), 'tls', { certificateFile: KEY, keyFile: KEY })).toThrow(/^GitpodTlsSecret\.certificateFile:/);
    expect(() => new GitpodTlsSecret(testStack(), 'tls', { certificateFile: CERT, keyFile: CERT })).toThrow(/^GitpodTlsSecret\.keyFile: expected a file holding a PEM private key/);
  });
});

describe('trust-manager', () => {
  test('is installed after cert-manager with cert-manager as its trust namespace', () => {
    const stack = testStack();
    const zone = new GitpodDnsZone(stack, 'zone', { cloud: new FakeCloud(), domain: 'gitpod.example.com' });
    new GitpodCertManager(stack, 'cert-manager', { zone, trustManager: true });
    const releases = Object.entries(resources(synthJson(stack), 'helm_release'));
    const [certManagerId] = releases.find(([, r]: any) => r.name === 'cert-manager')!;
    const [, trust]: any = releases.find(([, r]: any) => r.name === 'trust-manager')!;
    expect(trust).toMatchObject({
      namespace: 'cert-manager',
      repository: 'https://charts.jetstack.io',
      chart: 'trust-manager',
      version: 'v0.24.0',
      ...REFERENCE_HELM_FLAGS,
      depends_on: [`helm_release.${certManagerId}`],
    });
    expect(helmValues(trust)).toEqual({ app: { trust: { namespace: 'cert-manager' } }, affinity: OFF_WORKSPACE_NODES });
  });

  test('is installed by default (Gitpod\'s installer renders Bundles), and trustManager: false leaves it out', () => {
    const names = (props: { trustManager?: boolean }) => {
      const stack = testStack();
      const zone = new GitpodDnsZone(stack, 'zone', { cloud: new FakeCloud(), domain: 'gitpod.example.com' });
      new GitpodCertManager(stack, 'cert-manager', { zone, ...props });
      return Object.values(resources(synthJson(stack), 'helm_release')).map((r: any) => r.name);
    };
    expect(names({})).toEqual(['cert-manager', 'trust-manager']);
    expect(names({ trustManager: false })).toEqual(['cert-manager']);
  });

  test('takes extra values, checked against the trust-manager chart, and refuses them when it is off', () => {
    const stack = testStack();
    const zone = new GitpodDnsZone(stack, 'zone', { cloud: new FakeCloud(), domain: 'gitpod.example.com' });
    new GitpodCertManager(stack, 'cert-manager', { zone, trustManagerValues: { replicaCount: 2 } });
    const trust = Object.values(resources(synthJson(stack), 'helm_release')).find((r: any) => r.name === 'trust-manager');
    expect(helmValues(trust)).toEqual({ app: { trust: { namespace: 'cert-manager' } }, affinity: OFF_WORKSPACE_NODES, replicaCount: 2 });
    expect(() => new GitpodCertManager(stack, 'cm2', { zone, trustManagerValues: { replicas: 2 } })).toThrow(/^GitpodCertManager\.trustManagerValues\.replicas: expected a known key/);
    expect(() => new GitpodCertManager(stack, 'cm3', { zone, trustManager: false, trustManagerValues: { replicaCount: 2 } })).toThrow(
      /^GitpodCertManager\.trustManager: expected true \(or unset\) when trustManagerChart or trustManagerValues is set, got false/,
    );
  });
});

describe('GitpodReferenceChecks', () => {
  // A real app synth, as `cdktf synth` runs it: Testing.synth does not fail on error annotations.
  function clusterApp(config: { datapathProvider?: string; enableAutopilot?: boolean }) {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'gke');
    new GoogleProvider(stack, 'google', {});
    new ContainerCluster(stack, 'gke', { name: 'gitpod', location: 'europe-west1', initialNodeCount: 1, ...config });
    Aspects.of(stack).add(new GitpodReferenceChecks());
    return app;
  }

  test('fails synth when a GKE cluster uses Dataplane V2', () => {
    expect(() => clusterApp({ datapathProvider: 'ADVANCED_DATAPATH' }).synth()).toThrow(/Gitpod supports Calico only, not GKE Dataplane V2/);
  });

  test('fails synth for Autopilot, which always uses Dataplane V2', () => {
    expect(() => clusterApp({ enableAutopilot: true }).synth()).toThrow(/Gitpod supports Calico only/);
  });

  test('passes a cluster with the legacy datapath', () => {
    expect(() => clusterApp({ datapathProvider: 'LEGACY_DATAPATH' }).synth()).not.toThrow();
  });

  const warningsOf = (construct: { node: any }) => construct.node.metadata.filter((m: any) => /warn/.test(m.type)).map((m: any) => m.data);

  test('warns when the Azure kubelet identity gives every node DNS rights', () => {
    const stack = testStack();
    const cloud = new AzureDns({
      subscriptionId: '00000000-0000-0000-0000-000000000000',
      tenantId: '11111111-1111-1111-1111-111111111111',
      resourceGroupName: 'gitpod',
      identity: AzureDnsIdentity.KUBELET_IDENTITY,
      kubeletIdentity: { clientId: '33333333-3333-3333-3333-333333333333', objectId: '44444444-4444-4444-4444-444444444444' },
    });
    const zone = new GitpodDnsZone(stack, 'zone', { cloud, domain: 'gitpod.example.com' });
    Aspects.of(stack).add(new GitpodReferenceChecks());
    Testing.synth(stack);
    expect(warningsOf(zone)).toEqual([expect.stringMatching(/^The zone is changed through the AKS kubelet identity: every pod on every node, Gitpod workspaces included/)]);
  });

  test('warns when a DNS tool may run on workspace nodes, and not by default', () => {
    const stack = testStack();
    const zone = new GitpodDnsZone(stack, 'zone', { cloud: new FakeCloud(), domain: 'gitpod.example.com' });
    const free = new GitpodExternalDns(stack, 'external-dns', { zone, scheduling: { avoidWorkspaceNodes: false } });
    const kept = new GitpodCertManager(stack, 'cert-manager', { zone });
    Aspects.of(stack).add(new GitpodReferenceChecks());
    Testing.synth(stack);
    expect(warningsOf(free)).toEqual([expect.stringMatching(/^external-dns may run on Gitpod's workspace nodes/)]);
    expect(warningsOf(kept)).toEqual([]);
  });

  test('warns when cert-manager is not in namespace cert-manager', () => {
    const stack = testStack();
    const zone = new GitpodDnsZone(stack, 'zone', { cloud: new FakeCloud(), domain: 'gitpod.example.com' });
    const moved = new GitpodCertManager(stack, 'cert-manager', { zone, namespaceName: 'tls' });
    Aspects.of(stack).add(new GitpodReferenceChecks());
    Testing.synth(stack);
    const warnings = moved.node.metadata.filter((m) => /warn/.test(m.type)).map((m) => m.data);
    expect(warnings).toEqual([expect.stringMatching(/^cert-manager is installed in namespace "tls"\. Gitpod puts its CA certificate into namespace "cert-manager"/)]);
  });
});
