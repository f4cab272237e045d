import type { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { Chart } from 'cdk8s';
import type { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { preventDestroy as protect } from './_lifecycle';
import * as kubernetes from './_provider-kubernetes';
import { GitpodCertManager } from './gitpod-cert-manager';
import { stagesOf } from '../cdk8s/_order';
import { toTerraformJson } from '../cdk8s/_tokens-allowed';
import { GitpodIssuer } from '../cdk8s/gitpod-issuer';
import { cdktf } from '../internal/lazy';
import { invalid, validateBoolean, validateDuration } from '../internal/validate';

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

  /**
   * Refuse to destroy or replace the Namespaces the chart holds (`lifecycle.prevent_destroy`).
   *
   * The Gitpod namespace is where the Gitpod installer renders Gitpod, its database and storage
   * among it. `cdktf destroy` of this stack then stops with an error instead of deleting it; see
   * the README, "Changing and tearing down".
   * @default true
   */
  readonly preventDestroy?: boolean;

  /**
   * How long `cdktf deploy` waits for each cert-manager issuer and certificate to be `Ready`
   * (a Terraform duration such as "30m"). The deploy ends when TLS works, not when the objects
   * exist; a DNS-01 challenge right after a fresh delegation can take many minutes.
   * @default '30m'
   */
  readonly readyTimeout?: string;
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

    const preventDestroy = validateBoolean('GitpodManifests.preventDestroy', props.preventDestroy, true);
    const readyTimeout = validateDuration('GitpodManifests.readyTimeout', props.readyTimeout, '30m');
    const objects: Array<{ [key: string]: any }> = toTerraformJson(props.chart);
    // Stage by stage (Namespaces, issuers, CA certificates, CA issuers, certificates, the rest):
    // each object depends on every one before, so the CA is Ready before the issuer on it, and
    // the issuer before the certificate.
    const earlier: Manifest[] = [];
    for (const stage of stagesOf(objects)) {
      const applied = stage.map((object) => {
        const manifest = this.apply(stack, object, [...earlier], CERT_MANAGER_READY.test(`${object.apiVersion} ${object.kind}`) ? readyTimeout : undefined);
        if (preventDestroy && object.kind === 'Namespace') protect(manifest);
        return manifest;
      });
      earlier.push(...applied);
    }

    if (GitpodIssuer.isGitpodIssuer(props.chart)) {
      const issuer = props.chart;
      // What to merge into gitpod.config.yaml: `cdktf output <stack>` shows it after deploy.
      new TerraformOutput(this, 'installer-config', {
        value: issuer.installerConfigYaml(),
        description: `Gitpod installer config fragment (domain, certificate). Merge it into gitpod.config.yaml, then: ${issuer.installerRenderCommand()}`,
      }).overrideLogicalId(`${id}_installer_config`);
    }
  }

  /**
   * One `kubernetes_manifest`. Its address is the object's own identity (kind, namespace, name),
   * not this construct's path: renaming or moving `GitpodManifests` keeps every address, so it
   * never plans a delete and re-create of the Gitpod namespace or the certificate. Addresses of
   * earlier releases (from the construct path) are moved, so an upgrade plans no replacement.
   */
  private apply(stack: TerraformStack, object: { [key: string]: any }, dependsOn: Manifest[], readyTimeout?: string): Manifest {
    const KubernetesManifest = kubernetes.Manifest();
    const { kind, metadata } = object;
    const id = [kind, metadata.namespace, metadata.name].filter(Boolean).join('-').toLowerCase();
    const manifest = new KubernetesManifest(this, id, {
      manifest: object,
      dependsOn,
      // Ready=True: the issuer registered its account, the certificate is issued into its Secret.
      ...(readyTimeout ? { wait: { condition: [{ type: 'Ready', status: 'True' }] }, timeouts: { create: readyTimeout, update: readyTimeout } } : {}),
    });
    const address = objectAddress(object);
    claimAddress(stack, address, this.node.path, `${kind} ${[metadata.namespace, metadata.name].filter(Boolean).join('/')}`);
    const pathAddress = stack.getLogicalId(manifest);
    manifest.overrideLogicalId(address);
    manifest.moveFromId(`kubernetes_manifest.${pathAddress}`);
    this.manifests.push(manifest);
    return manifest;
  }
}

/** cert-manager's objects that report `Ready`: the deploy waits for them. */
const CERT_MANAGER_READY = /^cert-manager\.io\/v1 (Certificate|ClusterIssuer|Issuer)$/;

/** The stable address of an object: `<kind>_<namespace>_<name>`, lower case (`namespace_gitpod`). */
function objectAddress(object: { [key: string]: any }): string {
  return [object.kind, object.metadata.namespace, object.metadata.name].filter(Boolean).join('_').toLowerCase().replace(/[^a-z0-9_-]/g, '_');
}

/** Which construct applies each object in a stack: one object, one `kubernetes_manifest`. */
const CLAIMED = new WeakMap<TerraformStack, Map<string, string>>();

function claimAddress(stack: TerraformStack, address: string, path: string, object: string): void {
  const claimed = CLAIMED.get(stack) ?? new Map<string, string>();
  CLAIMED.set(stack, claimed);
  const owner = claimed.get(address);
  if (owner !== undefined) {
    invalid('GitpodManifests.chart', `a chart whose objects no other GitpodManifests in stack ${stack.node.id} applies (${owner} already applies ${object})`, path);
  }
  claimed.set(address, path);
}
