import { Testing, TerraformStack } from 'cdktf';

/** The synthesized Terraform JSON of a stack, parsed. */
export function synthJson(stack: TerraformStack): any {
  return JSON.parse(Testing.synth(stack));
}

/** All resources of one Terraform type, by logical id, without cdktf's metadata. */
export function resources(json: any, type: string): { [id: string]: any } {
  const found = json.resource?.[type] ?? {};
  return Object.fromEntries(
    Object.entries(found).map(([id, body]: [string, any]) => {
      const { ['//']: _metadata, ...rest } = body;
      return [id, rest];
    }),
  );
}

/** The only resource of a type; fails if there are none or several. */
export function onlyResource(json: any, type: string): any {
  const all = Object.values(resources(json, type));
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}

/** The `helm_release` with this release name; fails if there is none. */
export function releaseNamed(json: any, name: string): any {
  const found = Object.values(resources(json, 'helm_release')).find((r: any) => r.name === name);
  if (!found) throw new Error(`no helm_release named ${name}`);
  return found;
}

/** The values of a `helm_release` (the first values document, parsed). */
export function helmValues(release: any): any {
  return JSON.parse(release.values[0]);
}

/** A fresh stack in a fresh app, for one test. */
export function testStack(name: string = 'test'): TerraformStack {
  return new TerraformStack(Testing.app(), name);
}

/** The stack JSON without the local backend's absolute state path, which differs per checkout. */
export function portable(json: any): any {
  const { backend: _backend, ...terraform } = json.terraform ?? {};
  return { ...json, terraform };
}

/** The default node affinity of every DNS tool's pods: never on Gitpod's workspace nodes. */
export const OFF_WORKSPACE_NODES = {
  nodeAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: {
      nodeSelectorTerms: [{
        matchExpressions: [
          { key: 'gitpod.io/workload_workspace_regular', operator: 'DoesNotExist' },
          { key: 'gitpod.io/workload_workspace_headless', operator: 'DoesNotExist' },
        ],
      }],
    },
  },
};

/** The scheduling values cert-manager gets by default: the affinity on each of its components. */
export const CERT_MANAGER_SCHEDULING = {
  affinity: OFF_WORKSPACE_NODES,
  webhook: { affinity: OFF_WORKSPACE_NODES },
  cainjector: { affinity: OFF_WORKSPACE_NODES },
  startupapicheck: { affinity: OFF_WORKSPACE_NODES },
};

/** The reference architecture's `helm upgrade` flags, as every release here must carry them. */
export const REFERENCE_HELM_FLAGS = { atomic: true, cleanup_on_fail: true, create_namespace: true, reset_values: true, wait: true };

/** The annotations that keep a Namespace through a Flux prune and an Argo CD prune or Application deletion. */
export const KEEP_WHEN_PRUNED = { 'kustomize.toolkit.fluxcd.io/prune': 'disabled', 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false' };
