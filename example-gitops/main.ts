// GitOps, cluster side: a plain cdk8s app (no Terraform is loaded). It reads the hand-over that
// `cdktf deploy gitpod-gcp-gitops --outputs-file outputs.json` wrote (this folder holds a sample)
// and writes the whole cluster side, once for Flux and once for Argo CD, one folder per chart.
import { join } from 'path';
import { YamlOutputType } from 'cdk8s';
import { GitOpsFlavor, GitpodDnsZone, GitpodGitOps, GitpodManifestsApp } from '../src';

export function gitopsClusterExample(outdir: string, outputsFile: string = join(__dirname, 'outputs.json')): GitpodManifestsApp[] {
  // Everything the cluster side needs, with no value copied by hand.
  const zone = GitpodDnsZone.fromOutputsFile(outputsFile, { stackName: 'gitpod-gcp-gitops' });
  const issuer = { email: 'platform-team@example.com' };

  // Flux: commit dist/flux/ at ./clusters/prod/gitpod-networking and point your cluster's Flux
  // at its gitpod-networking-flux/ folder (two Kustomizations: charts first, then the issuer).
  const flux = new GitpodManifestsApp({ outdir: join(outdir, 'flux'), yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE });
  new GitpodGitOps(flux, 'gitpod-networking', {
    zone, issuer, flavor: GitOpsFlavor.FLUX, flux: { repositoryPath: './clusters/prod/gitpod-networking' },
  });

  // Argo CD: point an Application (with a sync retry) at dist/argo-cd/; sync waves order it.
  const argo = new GitpodManifestsApp({ outdir: join(outdir, 'argo-cd'), yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE });
  new GitpodGitOps(argo, 'gitpod-networking', { zone, issuer, flavor: GitOpsFlavor.ARGO_CD });

  return [flux, argo];
}

if (require.main === module) {
  // `cdk8s synth` sets CDK8S_OUTDIR from cdk8s.yaml's `output`.
  for (const app of gitopsClusterExample(process.env.CDK8S_OUTDIR ?? 'dist')) app.synth();
}
