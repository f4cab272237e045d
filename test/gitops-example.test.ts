// The runnable GitOps example: its checked-in outputs file is what the example's cloud stack
// writes (so it cannot drift), and its cdk8s app writes valid Flux and Argo CD folders from it.
import { mkdtempSync, readdirSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App } from 'cdktf';
import { parseAllDocuments } from 'yaml';
import { gitopsCloudExample } from '../example/gitops';
import { gitopsClusterExample } from '../example-gitops/main';
import { validateManifests } from './support/manifests';
import { outputsFileOf } from './support/outputs';

const SAMPLE = join(__dirname, '..', 'example-gitops', 'outputs.json');

test('the sample outputs file is what `cdktf deploy gitpod-gcp-gitops --outputs-file` writes', () => {
  const written = outputsFileOf(gitopsCloudExample(new App({ outdir: mkdtempSync(join(tmpdir(), 'gitpod-gitops-cloud-')) })));
  const sample = JSON.parse(readFileSync(SAMPLE, 'utf8'));
  // Name servers are Cloud DNS's choice at apply; everything else follows from the stack.
  expect(sample['gitpod-gcp-gitops'].zone['name-servers']).toHaveLength(4);
  written['gitpod-gcp-gitops'].zone['name-servers'] = sample['gitpod-gcp-gitops'].zone['name-servers'];
  expect(sample).toEqual(written);
});

describe('the example cdk8s app', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'gitpod-gitops-example-'));
  for (const app of gitopsClusterExample(outdir)) app.synth();
  const objectsIn = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.k8s.yaml')).flatMap((f) => parseAllDocuments(readFileSync(join(dir, f), 'utf8')).map((d) => d.toJSON()));

  test.each([
    ['flux', ['gitpod-networking', 'gitpod-networking-flux', 'gitpod-networking-issuer']],
    ['argo-cd', ['gitpod-networking', 'gitpod-networking-issuer']],
  ])('writes one folder per chart for %s, every object valid, no Terraform token', (flavor, folders) => {
    expect(readdirSync(join(outdir, flavor)).filter((f) => f !== 'installer' && !f.endsWith('.json')).sort()).toEqual(folders);
    for (const folder of folders) {
      const objects = objectsIn(join(outdir, flavor, folder));
      expect(objects.length).toBeGreaterThan(0);
      validateManifests(objects);
      expect(JSON.stringify(objects)).not.toMatch(/\$\{/);
    }
  });

  test('the identities in the manifests are the hand-over\'s', () => {
    const release = objectsIn(join(outdir, 'flux', 'gitpod-networking')).find((o: any) => o.kind === 'HelmRelease' && o.metadata.name === 'cert-manager');
    expect(release.spec.values.serviceAccount.annotations).toEqual({ 'iam.gke.io/gcp-service-account': 'cert-manager-3e924d@my-gitpod-project.iam.gserviceaccount.com' });
  });
});
