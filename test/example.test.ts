// The example app (what `npx cdktf synth` runs), checked whole: every stack, every Helm values
// document against its chart's schema, every manifest against the Kubernetes and CRD schemas.
import { mkdtempSync, readdirSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { Testing } from 'cdktf';
import { parseAllDocuments } from 'yaml';
import { awsExample } from '../example/aws';
import { azureExample } from '../example/azure';
import { gcpExample } from '../example/gcp';
import { GitpodManifestsApp } from '../src';
import { validateManifests } from './support/manifests';
import { portable, resources } from './support/synth';
import { chartValueErrors } from './support/upstream';

const app = Testing.app();
const manifests = new GitpodManifestsApp({ outdir: mkdtempSync(join(tmpdir(), 'gitpod-example-')) });
gcpExample(app, manifests);
awsExample(app, manifests);
azureExample(app, manifests);
app.synth();
manifests.synth();

const stacks = JSON.parse(readFileSync(join(app.outdir, 'manifest.json'), 'utf8')).stacks;
const stackJson = (name: string) => JSON.parse(readFileSync(join(app.outdir, stacks[name].synthesizedStackPath), 'utf8'));
const files = readdirSync(manifests.outdir).filter((f) => f.endsWith('.yaml')).sort();
const objectsIn = (file: string) => parseAllDocuments(readFileSync(join(manifests.outdir, file), 'utf8')).map((d) => d.toJSON());

describe.each(['gcp', 'aws', 'azure'])('example app, %s', (cloud) => {
  test(`has the stacks gitpod-${cloud} and gitpod-${cloud}-issuer, the second after the first`, () => {
    expect(stacks[`gitpod-${cloud}`].dependencies).toEqual([]);
    expect(stacks[`gitpod-${cloud}-issuer`].dependencies).toEqual([`gitpod-${cloud}`]);
  });

  test(`writes the ${cloud} manifests under dist/`, () => {
    expect(files.filter((f) => f.includes(cloud))).toEqual([`gitpod-${cloud}-issuer.k8s.yaml`]);
  });

  test('every manifest is valid against the Kubernetes and cert-manager schemas', () => {
    const objects = objectsIn(`gitpod-${cloud}-issuer.k8s.yaml`);
    expect(objects.map((o: any) => o.kind)).toEqual(['Namespace', 'ClusterIssuer', 'Certificate']);
    validateManifests(objects);
  });

  test('writes the installer config fragment beside the manifests and as an output of the issuer stack', () => {
    const file = readFileSync(join(manifests.outdir, 'installer', `gitpod-${cloud}-issuer.config.yaml`), 'utf8');
    // The installer sets the proxy's hostname and NEG annotations itself: nothing experimental here.
    expect(parseAllDocuments(file)[0].toJSON()).toEqual({ domain: 'gitpod.example.com', certificate: { kind: 'secret', name: 'https-certificates' } });
    expect(file).toContain('#   gitpod-installer render --config gitpod.config.yaml --namespace gitpod\n');
    expect(stackJson(`gitpod-${cloud}-issuer`).output.issuer_installer_config.value).toBe(file);
  });

  test('no manifest carries an unresolved Terraform token', () => {
    expect(readFileSync(join(manifests.outdir, `gitpod-${cloud}-issuer.k8s.yaml`), 'utf8')).not.toMatch(/\$\{/);
  });

  test('the issuer stack applies exactly the manifest file\'s objects', () => {
    const applied = Object.values(resources(stackJson(`gitpod-${cloud}-issuer`), 'kubernetes_manifest')).map((r: any) => r.manifest);
    const sortKey = (o: any) => `${o.kind}/${o.metadata.name}`;
    expect(applied.sort((a, b) => sortKey(a).localeCompare(sortKey(b)))).toEqual(
      objectsIn(`gitpod-${cloud}-issuer.k8s.yaml`).sort((a: any, b: any) => sortKey(a).localeCompare(sortKey(b))),
    );
  });

  test('installs cert-manager, trust-manager (for the installer\'s Bundles) and external-dns; every release passes its chart\'s values schema', () => {
    const releases = Object.values(resources(stackJson(`gitpod-${cloud}`), 'helm_release'));
    expect(releases.map((r: any) => r.chart).sort()).toEqual(['cert-manager', 'external-dns', 'trust-manager']);
    for (const release of releases as any[]) {
      expect({ chart: release.chart, errors: chartValueErrors(release.chart, release.version, JSON.parse(release.values[0])) }).toEqual({
        chart: release.chart,
        errors: [],
      });
    }
  });

  test('matches the snapshot', () => {
    expect({ stack: portable(stackJson(`gitpod-${cloud}`)), issuer: portable(stackJson(`gitpod-${cloud}-issuer`)) }).toMatchSnapshot();
  });
});

test('the chart schema check catches what helm would reject', () => {
  expect(chartValueErrors('cert-manager', 'v1.21.1', { podSecurityContext: {} })).not.toEqual([]);
  expect(chartValueErrors('cert-manager', 'v1.21.1', { webhook: { securePort: '10260' } })).not.toEqual([]);
  expect(chartValueErrors('external-dns', '1.21.1', { policy: 'upsert' })).not.toEqual([]);
  expect(chartValueErrors('trust-manager', 'v0.24.0', { app: { trust: { namespaces: 'x' } } })).not.toEqual([]);
});
