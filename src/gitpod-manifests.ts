import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { Chart } from 'cdk8s';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { invalid } from './_validate';
import { GitpodIssuer } from './gitpod-issuer';

/** Properties of `GitpodManifests`. */
export interface GitpodManifestsProps {
  /** The cdk8s chart whose objects Terraform applies, e.g. a `GitpodIssuer`. */
  readonly chart: Chart;

  /**
   * Stacks that must be deployed first, typically the one with `GitpodCertManager`. The stack
   * holding these manifests then depends on them, so `cdktf deploy` plans it only after
   * cert-manager's CRDs exist (a `kubernetes_manifest` needs its CRD at plan time).
   * @default - none
   */
  readonly after?: TerraformStack[];
}

/**
 * Applies a cdk8s chart's objects as `kubernetes_manifest` resources, so one `cdktf deploy` installs
 * the cluster side too. Put it in its own stack: Terraform plans custom resources against the
 * cluster's CRDs, which exist only after the first stack is applied.
 */
export class GitpodManifests extends Construct {
  /** The `kubernetes_manifest` resources, in the chart's order. */
  public readonly manifests: Manifest[] = [];

  constructor(scope: Construct, id: string, props: GitpodManifestsProps) {
    super(scope, id);
    if (!props.chart) invalid('GitpodManifests.chart', 'a cdk8s Chart such as a GitpodIssuer', props.chart);
    const stack = TerraformStack.of(this);
    for (const first of props.after ?? []) {
      if (first === stack) invalid('GitpodManifests.after', 'stacks other than the one holding the manifests', first.node.id);
      stack.addDependency(first);
    }

    const objects: Array<{ [key: string]: any }> = props.chart.toJson();
    // Namespaces first: the namespaced objects are created inside them.
    const isNamespace = (o: { [key: string]: any }) => o.kind === 'Namespace';
    const namespaces = objects.filter(isNamespace).map((o) => this.apply(o, []));
    for (const object of objects.filter((o) => !isNamespace(o))) this.apply(object, namespaces);

    if (props.chart instanceof GitpodIssuer) {
      const issuer = props.chart as unknown as GitpodIssuer; // Chart's typing defeats narrowing
      // What to merge into gitpod.config.yaml: `cdktf output <stack>` shows it after deploy.
      new TerraformOutput(this, 'installer-config', {
        value: issuer.installerConfigYaml(),
        description: 'Gitpod installer config fragment (domain, certificate, annotations)',
      }).overrideLogicalId(`${id}_installer_config`);
    }
  }

  private apply(object: { [key: string]: any }, dependsOn: Manifest[]): Manifest {
    const { kind, metadata } = object;
    const id = [kind, metadata.namespace, metadata.name].filter(Boolean).join('-').toLowerCase();
    const manifest = new Manifest(this, id, { manifest: object, dependsOn });
    this.manifests.push(manifest);
    return manifest;
  }
}
