// GitOps: the cloud side writes one hand-over output, the cluster side (a cdk8s app) reads it back
// from the outputs file and emits Flux or Argo CD objects with the same values the Terraform
// constructs install, ordered for the first sync.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Testing as K8sTesting, YamlOutputType } from 'cdk8s';
import {
  AwsRoute53, GitOpsFlavor, GitpodDnsZone, GitpodGitOps, GitpodGitOpsProps, GitpodManifestsApp, GoogleCloudDns,
} from '../src';
import { CLOUD_MODES, DOMAIN, handoverFile, terraformReleaseValues } from './support/handover';
import { renderChart } from './support/helm';
import { validateManifests } from './support/manifests';

const EMAIL = 'platform-team@example.com';
const FLUX = { repositoryPath: './clusters/prod/gitpod' };

const folderApp = () => K8sTesting.app({ yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE });

function gitops(mode: string, flavor: GitOpsFlavor, props: Partial<GitpodGitOpsProps> = {}, app: App = folderApp()) {
  const zone = GitpodDnsZone.fromOutputsFile(handoverFile(mode).file);
  return new GitpodGitOps(app, 'gitpod-networking', { zone, flavor, issuer: { email: EMAIL }, flux: FLUX, ...props });
}

const objectsOf = (...charts: Array<{ toJson(): any[] } | undefined>) => charts.flatMap((c) => c?.toJson() ?? []);
const find = (objects: any[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);

describe('the hand-over', () => {
  test.each(Object.keys(CLOUD_MODES))('%s: one output with the zone, the provider and the identities, and no credential', (mode) => {
    const { json } = handoverFile(mode);
    const output = json.output.identities_handover;
    expect(Object.keys(json.output).sort()).toEqual(['identities_handover', 'zone_name_servers', 'zone_zone_id']);
    expect(output.value).toMatchObject({
      cdkGitpodNetworkingHandover: 1,
      cloud: { name: mode.split(',')[0] },
      domain: DOMAIN,
      zoneName: DOMAIN,
      workloads: {
        'external-dns': { namespaceName: 'external-dns', serviceAccountName: 'external-dns' },
        'cert-manager': { namespaceName: 'cert-manager', serviceAccountName: 'cert-manager' },
      },
    });
    expect(output.sensitive).toBeUndefined();
    // Its only apply-time values are identities and the zone id: never a key or a token.
    const references = JSON.stringify(output.value).match(/\$\{[^}]*\}/g) ?? [];
    for (const reference of references) expect(reference).toMatch(/\.(email|arn|client_id|zone_id)\}$|^\$\{cloudflare_zone\.[^.]+\.id\}$/);
  });

  test('the cluster side reads it back from the outputs file: zone, id, identities', () => {
    const zone = GitpodDnsZone.fromOutputsFile(handoverFile('aws').file);
    expect(zone.cloud).toBeInstanceOf(AwsRoute53);
    expect({ domain: zone.domain.name, zoneName: zone.zoneName, zoneId: zone.literalZoneId }).toEqual({ domain: DOMAIN, zoneName: DOMAIN, zoneId: 'Z0123456789EXAMPLE' });
    expect(zone.externalDns).toEqual({ namespaceName: 'external-dns', serviceAccountName: 'external-dns', identity: 'arn:aws:iam::111122223333:role/gitpod-external-dns-abc123', credentialsSecretName: undefined });
    expect(zone.certManager?.identity).toBe('arn:aws:iam::111122223333:role/gitpod-cert-manager-abc123');
  });

  test('a credential Secret (key mode) is created by Terraform in its namespace, and the hand-over only names it', () => {
    const { json } = handoverFile('gcp, service account keys');
    const secrets = Object.values(json.resource.kubernetes_secret_v1).map((s: any) => s.metadata.name).sort();
    expect(secrets).toEqual(['clouddns-dns01-solver', 'external-dns-google-credentials']);
    expect(json.output.identities_handover.value.workloads['cert-manager'].credentialsSecretName).toBe('clouddns-dns01-solver');
    expect(JSON.stringify(json.output)).not.toMatch(/private_key/);
  });

  describe('a bad outputs file fails with what to do', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gitpod-bad-outputs-'));
    const write = (name: string, content: string) => {
      const file = join(dir, name);
      writeFileSync(file, content);
      return file;
    };

    test('a missing file', () => {
      expect(() => GitpodDnsZone.fromOutputsFile(join(dir, 'nope.json'))).toThrow(/^GitpodDnsZone\.fromOutputsFile\(file\): expected a readable JSON file: write it with `cdktf deploy <stack> --outputs-file <file>`.*\(ENOENT\)/);
    });
    test('a directory', () => {
      expect(() => GitpodDnsZone.fromOutputsFile(dir)).toThrow(/^GitpodDnsZone\.fromOutputsFile\(file\): expected a JSON file: .*\(a directory\)/);
    });
    test('not JSON', () => {
      expect(() => GitpodDnsZone.fromOutputsFile(write('bad.json', 'zone_name_servers = ['))).toThrow(/expected a JSON file: .*\(not JSON\)/);
    });
    test('no hand-over in it', () => {
      expect(() => GitpodDnsZone.fromOutputsFile(write('none.json', '{"gitpod-gcp":{"zone":{"zone-id":"x"}}}'))).toThrow(
        /expected a file holding a GitpodDnsIdentities hand-over: .*\(hand-overs found: none\)/,
      );
    });
    test('two hand-overs and no stack named', () => {
      const { handover } = JSON.parse(readFileSync(handoverFile('gcp').file, 'utf8'))['gitpod-cloud'].identities;
      const file = write('two.json', JSON.stringify({ a: { identities: { handover } }, b: { identities: { handover } } }));
      expect(() => GitpodDnsZone.fromOutputsFile(file)).toThrow(/^GitpodDnsZone\.fromOutputsFile\(options\.stackName\): expected the stack of one of the hand-overs in .* \(a: a\.identities\.handover; b: b\.identities\.handover\), got undefined/);
      expect(GitpodDnsZone.fromOutputsFile(file, { stackName: 'b' }).zoneName).toBe(DOMAIN);
    });
    test('outputs keyed by logical id (cdktf without the construct-id map) are read too', () => {
      const { handover } = JSON.parse(readFileSync(handoverFile('aws').file, 'utf8'))['gitpod-cloud'].identities;
      const file = write('flat.json', JSON.stringify({ 'gitpod-cloud': { zone_name_servers_0A1B2C3D: ['ns-1.example.'], identities_handover_4E5F6A7B: handover } }));
      const zone = GitpodDnsZone.fromOutputsFile(file);
      expect(zone.zoneName).toBe(DOMAIN);
      expect(zone.certManager?.identity).toMatch(/^arn:aws:iam::/);
      expect(zone.certManager?.identity).toBe(handover.workloads['cert-manager'].identity);
    });
    test('a field missing from the hand-over', () => {
      const outputs = JSON.parse(readFileSync(handoverFile('gcp').file, 'utf8'));
      delete outputs['gitpod-cloud'].identities.handover.zoneId;
      expect(() => GitpodDnsZone.fromOutputsFile(write('partial.json', JSON.stringify(outputs)))).toThrow(/gitpod-cloud\.identities\.handover\.zoneId: expected a value/);
    });
    test('a hand-over of another format version', () => {
      const outputs = JSON.parse(readFileSync(handoverFile('gcp').file, 'utf8'));
      outputs['gitpod-cloud'].identities.handover.cdkGitpodNetworkingHandover = 2;
      expect(() => GitpodDnsZone.fromOutputsFile(write('v2.json', JSON.stringify(outputs)))).toThrow(/cdkGitpodNetworkingHandover: expected format version 1/);
    });
  });
});

describe.each(Object.keys(CLOUD_MODES))('GitpodGitOps, %s', (mode) => {
  test('both flavors install the same releases with the same values as the Terraform constructs', () => {
    const terraform = terraformReleaseValues(mode);
    expect(Object.keys(terraform).sort()).toEqual(['cert-manager', 'external-dns', 'trust-manager']);
    for (const flavor of [GitOpsFlavor.FLUX, GitOpsFlavor.ARGO_CD]) {
      const chart = gitops(mode, flavor);
      expect(chart.releaseValues).toEqual(terraform);
      // And those values are the ones in the emitted objects.
      for (const [name, values] of Object.entries(terraform)) {
        const object = find(chart.toJson(), flavor === GitOpsFlavor.FLUX ? 'HelmRelease' : 'Application', name);
        expect(flavor === GitOpsFlavor.FLUX ? object.spec.values : object.spec.source.helm.valuesObject).toEqual(values);
      }
    }
  });

  test('the values in the HelmReleases render with the pinned charts into valid objects', () => {
    const chart = gitops(mode, GitOpsFlavor.FLUX);
    for (const release of chart.toJson().filter((o: any) => o.kind === 'HelmRelease')) {
      const { chart: name, version } = release.spec.chart.spec;
      const options = { releaseName: release.spec.releaseName, namespace: release.metadata.namespace };
      const rendered = renderChart(name, version, release.spec.values, options);
      expect(rendered.some((o: any) => o.kind === 'Deployment')).toBe(true);
      validateManifests(rendered);
    }
  });

  test.each([GitOpsFlavor.FLUX, GitOpsFlavor.ARGO_CD])('%s objects are valid against their schemas and hold no Terraform token', (flavor) => {
    const chart = gitops(mode, flavor);
    const objects = objectsOf(chart, chart.issuer, chart.fluxKustomizations);
    validateManifests(objects);
    expect(JSON.stringify(objects)).not.toMatch(/\$\{/);
  });
});

describe('GitpodGitOps with Flux', () => {
  const chart = gitops('gcp', GitOpsFlavor.FLUX);
  const objects = chart.toJson();

  test('a HelmRepository per namespace and repository, and a HelmRelease per chart at the pinned version', () => {
    expect(objects.filter((o: any) => o.kind === 'HelmRepository').map((o: any) => [o.metadata.namespace, o.metadata.name, o.spec.url])).toEqual([
      ['cert-manager', 'jetstack', 'https://charts.jetstack.io'],
      ['external-dns', 'kubernetes-sigs', 'https://kubernetes-sigs.github.io/external-dns/'],
    ]);
    expect(objects.filter((o: any) => o.kind === 'HelmRelease').map((o: any) => [o.metadata.namespace, o.metadata.name, o.spec.chart.spec.chart, o.spec.chart.spec.version, o.spec.chart.spec.sourceRef.name])).toEqual([
      ['cert-manager', 'cert-manager', 'cert-manager', 'v1.21.1', 'jetstack'],
      ['cert-manager', 'trust-manager', 'trust-manager', 'v0.24.0', 'jetstack'],
      ['external-dns', 'external-dns', 'external-dns', '1.21.1', 'kubernetes-sigs'],
    ]);
  });

  test('trust-manager waits for cert-manager; the issuer\'s Kustomization waits for every HelmRelease to be ready', () => {
    expect(find(objects, 'HelmRelease', 'trust-manager').spec.dependsOn).toEqual([{ name: 'cert-manager', namespace: 'cert-manager' }]);
    const [releases, issuer] = chart.fluxKustomizations!.toJson();
    expect(releases.spec).toMatchObject({
      path: './clusters/prod/gitpod/gitpod-networking',
      sourceRef: { kind: 'GitRepository', name: 'flux-system' },
      healthChecks: [
        { apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', name: 'cert-manager', namespace: 'cert-manager' },
        { apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', name: 'trust-manager', namespace: 'cert-manager' },
        { apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', name: 'external-dns', namespace: 'external-dns' },
      ],
    });
    expect(issuer.spec).toMatchObject({ path: './clusters/prod/gitpod/gitpod-networking-issuer', dependsOn: [{ name: 'gitpod-networking-releases' }] });
  });

  test('the Kustomization paths are the folders cdk8s writes', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'gitpod-flux-'));
    const app = new GitpodManifestsApp({ outdir, yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE });
    const flux = gitops('gcp', GitOpsFlavor.FLUX, {}, app);
    app.synth();
    for (const kustomization of flux.fluxKustomizations!.toJson()) {
      const folder = kustomization.spec.path.replace('./clusters/prod/gitpod/', '');
      expect(existsSync(join(outdir, folder))).toBe(true);
    }
    expect(readdirSync(join(outdir, 'gitpod-networking-issuer')).sort()).toEqual(['Certificate.https-certificates.k8s.yaml', 'ClusterIssuer.gitpod-issuer.k8s.yaml', 'Namespace.gitpod.k8s.yaml']);
  });

  test('an app that writes one file per chart fails: Flux applies folders', () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'gitpod-flux-')) });
    gitops('gcp', GitOpsFlavor.FLUX, {}, app);
    expect(() => app.synth()).toThrow(/GitpodGitOps with GitOpsFlavor\.FLUX: expected an App with yamlOutputType: YamlOutputType\.FOLDER_PER_CHART_FILE_PER_RESOURCE/);
  });

  test('without the flux settings it says which are needed', () => {
    expect(() => gitops('gcp', GitOpsFlavor.FLUX, { flux: undefined })).toThrow(/^GitpodGitOps\.flux: expected \{ repositoryPath \} with GitOpsFlavor\.FLUX/);
  });
});

describe('GitpodGitOps with Argo CD', () => {
  const chart = gitops('azure', GitOpsFlavor.ARGO_CD);
  const objects = [...chart.toJson(), ...chart.issuer.toJson()];
  const wave = (o: any) => Number(o.metadata.annotations?.['argocd.argoproj.io/sync-wave']);

  test('waves: namespaces, then azure.json, then the charts, trust-manager after cert-manager, then the issuer, then the certificate', () => {
    const order = objects.map((o: any) => [wave(o), o.kind, o.metadata.name]).sort((a: any, b: any) => a[0] - b[0] || `${a[1]}${a[2]}`.localeCompare(`${b[1]}${b[2]}`));
    expect(order).toEqual([
      [-3, 'Namespace', 'cert-manager'],
      [-3, 'Namespace', 'external-dns'],
      [-3, 'Namespace', 'gitpod'],
      [-2, 'Secret', 'external-dns-azure'],
      [-1, 'Application', 'cert-manager'],
      [-1, 'Application', 'external-dns'],
      [0, 'Application', 'trust-manager'],
      [1, 'ClusterIssuer', 'gitpod-issuer'],
      [2, 'Certificate', 'https-certificates'],
    ]);
  });

  test('the issuer and certificate survive a dry run before cert-manager\'s CRDs exist', () => {
    for (const kind of ['ClusterIssuer', 'Certificate']) {
      expect(objects.find((o: any) => o.kind === kind).metadata.annotations['argocd.argoproj.io/sync-options']).toBe('SkipDryRunOnMissingResource=true');
    }
  });

  test('each chart is an Application with Helm values, server-side apply and retries', () => {
    expect(find(objects, 'Application', 'cert-manager').spec).toMatchObject({
      project: 'default',
      source: { repoURL: 'https://charts.jetstack.io', chart: 'cert-manager', targetRevision: 'v1.21.1', helm: { releaseName: 'cert-manager' } },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'cert-manager' },
      syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['ServerSideApply=true'], retry: { limit: 10 } },
    });
    expect(find(objects, 'Application', 'trust-manager').spec.syncPolicy.syncOptions).toEqual(['ServerSideApply=true', 'SkipDryRunOnMissingResource=true']);
  });

  test('azure.json is configuration, not a credential: tenant, subscription, resource group, workload identity', () => {
    expect(JSON.parse(find(objects, 'Secret', 'external-dns-azure').stringData['azure.json'])).toEqual({
      tenantId: '11111111-1111-1111-1111-111111111111', subscriptionId: '00000000-0000-0000-0000-000000000000', resourceGroup: 'gitpod', useWorkloadIdentityExtension: true,
    });
  });
});

describe('GitpodGitOps names and credentials', () => {
  test('the namespaces holding a Terraform-made credential Secret are left to Terraform', () => {
    const chart = gitops('gcp, service account keys', GitOpsFlavor.ARGO_CD);
    expect(chart.toJson().filter((o: any) => o.kind === 'Namespace')).toEqual([]);
    expect(chart.toJson().some((o: any) => o.kind === 'Secret')).toBe(false);
    expect(chart.issuer.clusterIssuer.toJson().spec.acme.solvers[0].dns01.cloudDNS.serviceAccountSecretRef).toEqual({ name: 'clouddns-dns01-solver', key: 'key.json' });
  });

  test('a namespace other than the one the identity trusts is refused', () => {
    expect(() => gitops('gcp', GitOpsFlavor.FLUX, { externalDns: { namespaceName: 'dns' } })).toThrow(
      /^GitpodGitOps\.externalDns\.namespaceName: expected "external-dns", the namespace the cloud identity trusts \(from the zone's hand-over\), or leave it unset, got "dns"/,
    );
  });

  test('an identity the cloud needs and the zone does not hold is asked for', () => {
    const zone = GitpodDnsZone.fromAttributes({ cloud: new GoogleCloudDns({ project: 'my-gitpod-project' }), domain: DOMAIN, zoneId: 'gitpod-example-com' });
    expect(() => new GitpodGitOps(K8sTesting.app(), 'g', { zone, flavor: GitOpsFlavor.ARGO_CD, issuer: { email: EMAIL } })).toThrow(
      /^zone\.certManager\.identity: expected a Google service account email that cert-manager acts as \(GitpodDnsZone\.fromOutputsFile reads it/,
    );
  });

  test('literal attributes work without an outputs file', () => {
    const zone = GitpodDnsZone.fromAttributes({
      cloud: new GoogleCloudDns({ project: 'my-gitpod-project' }),
      domain: DOMAIN,
      zoneId: 'gitpod-example-com',
      externalDns: { namespaceName: 'external-dns', serviceAccountName: 'external-dns', identity: 'external-dns-abc123@my-gitpod-project.iam.gserviceaccount.com' },
      certManager: { namespaceName: 'cert-manager', serviceAccountName: 'cert-manager', identity: 'cert-manager-abc123@my-gitpod-project.iam.gserviceaccount.com' },
    });
    const chart = new GitpodGitOps(K8sTesting.app(), 'g', { zone, flavor: GitOpsFlavor.ARGO_CD, issuer: { email: EMAIL } });
    expect(chart.releaseValues).toEqual(terraformReleaseValues('gcp'));
  });

  test('an identity of the wrong form is refused with the property named', () => {
    expect(() => GitpodDnsZone.fromAttributes({ cloud: new GoogleCloudDns({ project: 'my-gitpod-project' }), domain: DOMAIN, certManager: { namespaceName: 'cert-manager', serviceAccountName: 'CM' } })).toThrow(
      /^GitpodDnsZone\.fromAttributes\.certManager\.serviceAccountName: expected a DNS label/,
    );
  });
});
