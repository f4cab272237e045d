// The Terraform side of a ReleaseSpec: a `helm_release` with the reference architecture's
// `helm upgrade` flags as release settings, and the Secrets its pods mount created first.
import type { Release } from '@cdktf/provider-helm/lib/release';
import type { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import * as helm from './_provider-helm';
import * as kubernetes from './_provider-kubernetes';
import { CredentialSecret } from '../dns/gitpod-cloud';
import { ReleaseSpec } from '../releases/_releases';

/**
 * Creates the release in `scope`. Secrets (a configuration file from the cloud's values, a
 * credential from its binding) are created in the release's namespace before it.
 */
export function helmRelease(
  scope: Construct, spec: ReleaseSpec, secrets: Array<CredentialSecret | undefined>, dependsOn: ITerraformDependable[] = [],
): Release {
  const toCreate = secrets.filter((s): s is CredentialSecret => s !== undefined);
  // The pods mount these Secrets at start, so they must exist first: Terraform owns the
  // namespace and the Secrets, and the release no longer creates the namespace.
  const after = [...dependsOn, ...(toCreate.length > 0 ? createSecrets(scope, spec.namespace, toCreate) : [])];
  return new (helm.Release())(scope, 'release', {
    name: spec.releaseName,
    namespace: spec.namespace,
    repository: spec.chart.repository,
    chart: spec.chart.chart,
    version: spec.chart.version,
    // `helm upgrade --install --atomic --cleanup-on-fail --create-namespace --reset-values --wait`
    atomic: true,
    cleanupOnFail: true,
    createNamespace: toCreate.length === 0,
    resetValues: true,
    wait: true,
    values: [JSON.stringify(spec.values, undefined, 2)],
    dependsOn: after,
  });
}

/** Creates `namespaceName` and the Secrets in it (ids `credentials`, `credentials-<i>`). */
export function createSecrets(scope: Construct, namespaceName: string, secrets: CredentialSecret[]): SecretV1[] {
  const Secret = kubernetes.SecretV1();
  const namespace = new (kubernetes.NamespaceV1())(scope, 'namespace', { metadata: { name: namespaceName } });
  return secrets.map((secret, i) => new Secret(scope, i === 0 ? 'credentials' : `credentials-${i}`, {
    metadata: { name: secret.name, namespace: namespace.metadata.name },
    data: secret.data,
    type: 'Opaque',
  }));
}
