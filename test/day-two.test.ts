// Running it for years: DNS credentials off workspace nodes, high availability, metrics.
// The behaviour lives in the charts, so it is asserted on the rendered objects.
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Testing as K8sTesting } from 'cdk8s';
import { TerraformStack, Testing } from 'cdktf';
import { awsExample } from '../example/aws';
import { azureExample } from '../example/azure';
import { gcpExample } from '../example/gcp';
import { AcmeServer, GitpodCertManager, GitpodDnsZone, GitpodExternalDns, GitpodIssuer, GitpodManifestsApp, GoogleCloudDns } from '../src';
import { findObject, podSpecs, renderRelease } from './support/helm';
import { validateManifests } from './support/manifests';
import { OFF_WORKSPACE_NODES, releaseNamed, synthJson, testStack } from './support/synth';

function installation(props: { certManager?: any; externalDns?: any } = {}) {
  const stack = testStack();
  const zone = new GitpodDnsZone(stack, 'zone', { cloud: new GoogleCloudDns({ project: 'my-project' }), domain: 'gitpod.example.com' });
  new GitpodExternalDns(stack, 'external-dns', { zone, ...props.externalDns });
  new GitpodCertManager(stack, 'cert-manager', { zone, ...props.certManager });
  const json = synthJson(stack);
  const rendered = (name: string) => renderRelease(releaseNamed(json, name), { apiVersions: ['monitoring.coreos.com/v1'] });
  return { json, rendered };
}
const ALL = ['cert-manager', 'trust-manager', 'external-dns'];

describe('scheduling', () => {
  const { rendered } = installation();

  test.each(ALL)('every pod of %s keeps off Gitpod\'s workspace nodes by default', (release) => {
    const pods = podSpecs(rendered(release));
    expect(pods.length).toBeGreaterThan(0);
    for (const { spec } of pods) expect(spec.affinity).toEqual(OFF_WORKSPACE_NODES);
  });

  test('cert-manager\'s four components all carry it: controller, webhook, cainjector, startupapicheck', () => {
    expect(podSpecs(rendered('cert-manager')).map((p) => `${p.kind}/${p.name}`).sort()).toEqual([
      'Deployment/cert-manager', 'Deployment/cert-manager-cainjector', 'Deployment/cert-manager-webhook', 'Job/cert-manager-startupapicheck',
    ]);
  });

  test.each(ALL)('%s: meta nodes only, a node selector, tolerations and a priority class reach every pod', (release) => {
    const scheduling = {
      metaNodesOnly: true,
      nodeSelector: { 'cloud.google.com/gke-nodepool': 'services' },
      tolerations: [{ key: 'dedicated', tolerationOperator: 'Equal', value: 'dns', effect: 'NoSchedule' }],
      priorityClassName: 'system-cluster-critical',
    };
    const { rendered: custom } = installation({ certManager: { scheduling }, externalDns: { scheduling } });
    for (const { spec } of podSpecs(custom(release))) {
      expect(spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([{
        matchExpressions: [
          { key: 'gitpod.io/workload_workspace_regular', operator: 'DoesNotExist' },
          { key: 'gitpod.io/workload_workspace_headless', operator: 'DoesNotExist' },
          { key: 'gitpod.io/workload_meta', operator: 'Exists' },
        ],
      }]);
      expect(spec.nodeSelector).toMatchObject({ 'cloud.google.com/gke-nodepool': 'services' });
      expect(spec.tolerations).toEqual([{ key: 'dedicated', operator: 'Equal', value: 'dns', effect: 'NoSchedule' }]);
      expect(spec.priorityClassName).toBe('system-cluster-critical');
    }
  });

  test('turning the affinity off leaves the charts\' own scheduling', () => {
    const scheduling = { avoidWorkspaceNodes: false };
    const { rendered: free } = installation({ certManager: { scheduling }, externalDns: { scheduling } });
    for (const release of ALL) for (const { spec } of podSpecs(free(release))) expect(spec.affinity?.nodeAffinity).toBeUndefined();
  });

  test.each([
    ['a toleration operator', { tolerations: [{ key: 'a', tolerationOperator: 'In' }] }, /^GitpodCertManager\.scheduling\.tolerations\[0\]\.tolerationOperator: expected "Exists" or "Equal", got "In"/],
    ['a toleration effect', { tolerations: [{ key: 'a', effect: 'NoRun' }] }, /^GitpodCertManager\.scheduling\.tolerations\[0\]\.effect: expected "NoSchedule", "PreferNoSchedule" or "NoExecute"/],
    ['a toleration without a key that is not Exists', { tolerations: [{ value: 'x' }] }, /^GitpodCertManager\.scheduling\.tolerations\[0\]\.key: expected a taint key/],
    ['a node selector label', { nodeSelector: { 'bad key!': 'x' } }, /^GitpodCertManager\.scheduling\.nodeSelector: expected Kubernetes labels/],
    ['a priority class name', { priorityClassName: 'High Priority' }, /^GitpodCertManager\.scheduling\.priorityClassName: expected a DNS label/],
    ['a switch that is not a boolean', { metaNodesOnly: 'yes' }, /^GitpodCertManager\.scheduling\.metaNodesOnly: expected true or false/],
  ])('refuses %s with the property named', (_, scheduling, error) => {
    expect(() => installation({ certManager: { scheduling } })).toThrow(error);
  });
});

describe('high availability (opt-in)', () => {
  test('cert-manager: controller and cainjector 2, webhook 3, each with a PodDisruptionBudget; trust-manager 2 with one', () => {
    const { rendered } = installation({ certManager: { highAvailability: true } });
    const cm = rendered('cert-manager');
    expect(['cert-manager', 'cert-manager-cainjector', 'cert-manager-webhook'].map((d) => findObject(cm, 'Deployment', d).spec.replicas)).toEqual([2, 2, 3]);
    expect(cm.filter((o: any) => o.kind === 'PodDisruptionBudget').map((o: any) => [o.metadata.name, o.spec.minAvailable]).sort()).toEqual([
      ['cert-manager', 1], ['cert-manager-cainjector', 1], ['cert-manager-webhook', 1],
    ]);
    const trust = rendered('trust-manager');
    expect(findObject(trust, 'Deployment', 'trust-manager').spec.replicas).toBe(2);
    expect(trust.filter((o: any) => o.kind === 'PodDisruptionBudget')).toHaveLength(1);
  });

  test('is off by default: one replica, no PodDisruptionBudget', () => {
    const { rendered } = installation();
    expect(findObject(rendered('cert-manager'), 'Deployment', 'cert-manager').spec.replicas).toBe(1);
    for (const release of ALL) expect(rendered(release).some((o: any) => o.kind === 'PodDisruptionBudget')).toBe(false);
  });
});

describe('metrics', () => {
  test('ServiceMonitors for cert-manager, trust-manager and external-dns on request', () => {
    const { rendered } = installation({ certManager: { serviceMonitor: true }, externalDns: { serviceMonitor: true } });
    for (const release of ALL) {
      const monitors = rendered(release).filter((o: any) => o.kind === 'ServiceMonitor');
      expect(monitors).toHaveLength(1);
      validateManifests(monitors);
    }
  });

  test('none by default', () => {
    const { rendered } = installation();
    for (const release of ALL) expect(rendered(release).some((o: any) => o.kind === 'ServiceMonitor')).toBe(false);
  });
});

describe('Let\'s Encrypt staging and production side by side', () => {
  const zone = () => new GitpodDnsZone(testStack(), 'zone', { cloud: new GoogleCloudDns({ project: 'my-project' }), domain: 'gitpod.example.com' });
  const issuers = (objects: any[]) => objects.filter((o) => o.kind === 'ClusterIssuer').map((o) => [o.metadata.name, o.spec.acme.server, o.spec.acme.privateKeySecretRef.name]);

  test('both issuers, distinct account keys; the certificate uses staging first, then production by one prop', () => {
    const first = new GitpodIssuer(K8sTesting.app(), 'issuer', { zone: zone(), email: 'a@example.com', stagingIssuer: true, useStagingIssuer: true });
    validateManifests(first.toJson());
    expect(issuers(first.toJson())).toEqual([
      ['gitpod-issuer', 'https://acme-v02.api.letsencrypt.org/directory', 'issuer-account-key'],
      ['gitpod-issuer-staging', 'https://acme-staging-v02.api.letsencrypt.org/directory', 'issuer-account-key-staging'],
    ]);
    expect(first.certificate.toJson().spec.issuerRef.name).toBe('gitpod-issuer-staging');
    const then = new GitpodIssuer(K8sTesting.app(), 'issuer', { zone: zone(), email: 'a@example.com', stagingIssuer: true });
    expect(issuers(then.toJson())).toEqual(issuers(first.toJson()));
    expect(then.certificate.toJson().spec.issuerRef.name).toBe('gitpod-issuer');
    // The switch changes nothing but the issuerRef: the same Secret, the same names.
    expect({ ...then.certificate.toJson().spec, issuerRef: undefined }).toEqual({ ...first.certificate.toJson().spec, issuerRef: undefined });
  });

  test.each([
    ['staging without the staging issuer', { useStagingIssuer: true }, /^GitpodIssuer\.stagingIssuer: expected true when useStagingIssuer is true/],
    ['a staging twin of another ACME server', { stagingIssuer: true, acmeServer: AcmeServer.custom('https://acme.example.com/directory') }, /^GitpodIssuer\.acmeServer: expected Let's Encrypt production \(or unset\) with stagingIssuer/],
    ['an issuer name too long for its staging twin', { stagingIssuer: true, issuerName: 'i'.repeat(60) }, /^GitpodIssuer\.issuerName \(with "-staging"\): expected a DNS label/],
  ])('refuses %s', (_, props, error) => {
    expect(() => new GitpodIssuer(K8sTesting.app(), 'issuer', { zone: zone(), email: 'a@example.com', ...props })).toThrow(error);
  });

  test('a long issuer name is fine without the staging twin', () => {
    expect(() => new GitpodIssuer(K8sTesting.app(), 'issuer', { zone: zone(), email: 'a@example.com', issuerName: 'i'.repeat(60) })).not.toThrow();
  });
});

describe('certificate alerts', () => {
  const zone = () => new GitpodDnsZone(testStack(), 'zone', { cloud: new GoogleCloudDns({ project: 'my-project' }), domain: 'gitpod.example.com' });

  test('a PrometheusRule beside the certificate: not ready, expiring, metrics absent', () => {
    const issuer = new GitpodIssuer(K8sTesting.app(), 'issuer', { zone: zone(), email: 'a@example.com', certificateAlerts: { expiresWithinDays: 21, labels: { team: 'platform' } } });
    const rule = issuer.alerts!.toJson();
    validateManifests([rule]);
    expect(rule.metadata).toEqual({ name: 'https-certificates-alerts', namespace: 'gitpod' });
    expect(rule.spec.groups[0].rules.map((r: any) => [r.alert, r.expr, r.for, r.labels])).toEqual([
      ['GitpodCertificateNotReady', 'max by (name, namespace) (certmanager_certificate_ready_status{name="https-certificates", namespace="gitpod", condition!="True"}) == 1', '15m', { severity: 'critical', team: 'platform' }],
      ['GitpodCertificateExpiresSoon', 'certmanager_certificate_expiration_timestamp_seconds{name="https-certificates", namespace="gitpod"} - time() < 21 * 86400', '1h', { severity: 'warning', team: 'platform' }],
      ['GitpodCertificateMetricsAbsent', 'absent(certmanager_certificate_expiration_timestamp_seconds{name="https-certificates", namespace="gitpod"})', '30m', { severity: 'warning', team: 'platform' }],
    ]);
  });

  test('a threshold just inside the renewal point is taken', () => {
    const issuer = new GitpodIssuer(K8sTesting.app(), 'issuer', { zone: zone(), email: 'a@example.com', certificateAlerts: { expiresWithinDays: 29 } });
    expect(JSON.stringify(issuer.alerts!.toJson())).toContain('- time() < 29 * 86400');
  });

  test('none by default', () => {
    const issuer = new GitpodIssuer(K8sTesting.app(), 'issuer', { zone: zone(), email: 'a@example.com' });
    expect(issuer.alerts).toBeUndefined();
    expect(issuer.toJson().some((o: any) => o.kind === 'PrometheusRule')).toBe(false);
  });

  test.each([
    ['zero days', { expiresWithinDays: 0 }, /^GitpodIssuer\.certificateAlerts\.expiresWithinDays: expected days/],
    ['more days than a certificate lasts', { expiresWithinDays: 90 }, /^GitpodIssuer\.certificateAlerts\.expiresWithinDays: expected days, fewer than the 30 days before expiry at which cert-manager renews the 90-day certificate \(a third of its lifetime\): a whole number from 1 to 29, got 90$/],
    // At 30 days cert-manager is only starting to renew: the alert would fire on every healthy certificate.
    ['a threshold at the renewal point', { expiresWithinDays: 30 }, /^GitpodIssuer\.certificateAlerts\.expiresWithinDays: expected days, fewer than the 30 days .*, got 30$/],
    ['a duration Prometheus does not read', { notReadyFor: '15 minutes' }, /^GitpodIssuer\.certificateAlerts\.notReadyFor: expected a Prometheus duration/],
  ])('refuses %s', (_, certificateAlerts, error) => {
    expect(() => new GitpodIssuer(K8sTesting.app(), 'issuer', { zone: zone(), email: 'a@example.com', certificateAlerts })).toThrow(error);
  });
});

describe('the example app', () => {
  test.each(['gcp', 'aws', 'azure'])('every pod that %s\'s releases render keeps off Gitpod\'s workspace nodes', (cloud) => {
    const app = Testing.app();
    const example = { gcp: gcpExample, aws: awsExample, azure: azureExample }[cloud]!;
    example(app, new GitpodManifestsApp({ outdir: mkdtempSync(join(tmpdir(), 'gitpod-day-two-')) }));
    const stack = app.node.findChild(`gitpod-${cloud}`) as TerraformStack;
    const releases = Object.values(JSON.parse(Testing.synth(stack)).resource.helm_release) as any[];
    expect(releases.map((r) => r.name).sort()).toEqual(['cert-manager', 'external-dns', 'trust-manager']);
    for (const release of releases) {
      const pods = podSpecs(renderRelease(release));
      expect(pods.length).toBeGreaterThan(0);
      for (const { spec } of pods) {
        const expected = { release: release.name, affinity: OFF_WORKSPACE_NODES.nodeAffinity };
        expect({ release: release.name, affinity: spec.affinity.nodeAffinity }).toEqual(expected);
      }
    }
  });
});
