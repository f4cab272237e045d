import type { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { Chart } from 'cdk8s';
import type { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import * as kubernetes from './_provider-kubernetes';
import { GitpodCertManager } from './gitpod-cert-manager';
import { GitpodIssuer } from '../cdk8s/gitpod-issuer';
import { cdktf } from '../internal/lazy';
import { invalid } from '../internal/validate';

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
    if (!(props?.chart instanceof Chart)) invalid('GitpodManifests.chart', 'a cdk8s Chart such as a GitpodIssuer', props?.chart);
    const { TerraformOutput, TerraformStack } = cdktf();
    const stack = TerraformStack.of(this);
    for (const first of props.after ?? []) {
      if (first === stack) invalid('GitpodManifests.after', 'stacks other than the one holding the manifests', first.node.id);
      stack.addDependency(first);
    }
    // cert-manager's CRDs are installed by its Helm release at apply; a kubernetes_manifest of a
    // ClusterIssuer is planned against the cluster before that, so the plan would fail.
    const certManager = stack.node.findAll().find((c) => c instanceof GitpodCertManager);
    if (certManager) {
      invalid('GitpodManifests', `a stack without GitpodCertManager (${certManager.node.path} installs the CRDs these manifests need, which Terraform must see at plan time): put GitpodManifests in a second stack with after: [<the cert-manager stack>]`, stack.node.id);
    }

    const objects: Array<{ [key: string]: any }> = props.chart.toJson();
    // Namespaces first: the namespaced objects are created inside them.
    const isNamespace = (o: { [key: string]: any }) => o.kind === 'Namespace';
    const namespaces = objects.filter(isNamespace).map((o) => this.apply(o, []));
    for (const object of objects.filter((o) => !isNamespace(o))) this.apply(object, namespaces);

    if (GitpodIssuer.isGitpodIssuer(props.chart)) {
      const issuer = props.chart;
      // What to merge into gitpod.config.yaml: `cdktf output <stack>` shows it after deploy.
      new TerraformOutput(this, 'installer-config', {
        value: issuer.installerConfigYaml(),
        description: `Gitpod installer config fragment (domain, certificate). Merge it into gitpod.config.yaml, then: ${issuer.installerRenderCommand()}`,
      }).overrideLogicalId(`${id}_installer_config`);
    }
  }

  private apply(object: { [key: string]: any }, dependsOn: Manifest[]): Manifest {
    const KubernetesManifest = kubernetes.Manifest();
    const { kind, metadata } = object;
    const id = [kind, metadata.namespace, metadata.name].filter(Boolean).join('-').toLowerCase();
    const manifest = new KubernetesManifest(this, id, { manifest: object, dependsOn });
    this.manifests.push(manifest);
    return manifest;
  }
}
