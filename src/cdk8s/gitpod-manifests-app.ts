import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { App, Names } from 'cdk8s';
import { GitpodIssuer } from './gitpod-issuer';

/**
 * A cdk8s `App` that, besides the manifests, writes each `GitpodIssuer`'s Gitpod installer config
 * fragment to `<outdir>/installer/<chart name>.config.yaml`. The name is the one cdk8s gives the
 * chart's manifest (`Names.toDnsLabel`, unique per construct path), so two issuers with the same
 * id in different scopes never overwrite each other's fragment. The fragments sit in a subfolder
 * so that `kubectl apply -f <outdir>` applies only Kubernetes objects.
 */
export class GitpodManifestsApp extends App {
  public synth(): void {
    super.synth();
    const issuers = this.charts.filter(GitpodIssuer.isGitpodIssuer);
    if (issuers.length === 0) return;
    const dir = join(this.outdir, 'installer');
    mkdirSync(dir, { recursive: true });
    for (const issuer of issuers) writeFileSync(join(dir, `${Names.toDnsLabel(issuer)}.config.yaml`), issuer.installerConfigYaml());
  }
}
