import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { App } from 'cdk8s';
import { GitpodIssuer } from './gitpod-issuer';

/**
 * A cdk8s `App` that, besides the manifests, writes each `GitpodIssuer`'s Gitpod installer config
 * fragment to `<outdir>/installer/<issuer id>.config.yaml`. The fragments sit in a subfolder so
 * that `kubectl apply -f <outdir>` applies only Kubernetes objects.
 */
export class GitpodManifestsApp extends App {
  public synth(): void {
    super.synth();
    const issuers = this.charts.filter((chart): chart is GitpodIssuer => chart instanceof GitpodIssuer);
    if (issuers.length === 0) return;
    const dir = join(this.outdir, 'installer');
    mkdirSync(dir, { recursive: true });
    for (const issuer of issuers) {
      writeFileSync(join(dir, `${issuer.node.id}.config.yaml`), issuer.installerConfigYaml());
    }
  }
}
