// Running it for years: DNS credentials off workspace nodes, high availability, metrics.
// The behaviour lives in the charts, so it is asserted on the rendered objects.
import { GitpodCertManager, GitpodDnsZone, GitpodExternalDns, GoogleCloudDns } from '../src';
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
