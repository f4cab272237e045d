// The Helm release both GitpodExternalDns and GitpodCertManager install, with the reference
// architecture's `helm upgrade` flags as release settings.
import { Release } from '@cdktf/provider-helm/lib/release';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { mergeValues } from './_merge';
import { HelmChartRef } from './charts';
import { DnsWorkloadConfig } from './cloud/gitpod-cloud';

export interface GitpodHelmReleaseOptions {
  readonly releaseName: string;
  readonly namespace: string;
  readonly chart: HelmChartRef;
  /** Values in merge order: construct defaults, the cloud's values, the user's escape hatch. */
  readonly values: Array<{ [key: string]: any } | undefined>;
  /** The cloud's contribution; its Secret is created before the release. */
  readonly workload: DnsWorkloadConfig;
  /** Resources to install first. */
  readonly dependsOn?: ITerraformDependable[];
}

export interface GitpodHelmRelease {
  readonly release: Release;
  /** The merged values, as rendered into the release. */
  readonly values: { [key: string]: any };
}

export function gitpodHelmRelease(scope: Construct, options: GitpodHelmReleaseOptions): GitpodHelmRelease {
  const values = mergeValues(...options.values);
  const secret = options.workload.secret;
  const dependsOn: ITerraformDependable[] = [...(options.dependsOn ?? [])];
  if (secret) {
    // The pods mount this Secret at start, so it must exist first: Terraform owns the namespace
    // and the Secret, and the release no longer creates the namespace.
    const namespace = new NamespaceV1(scope, 'namespace', { metadata: { name: options.namespace } });
    dependsOn.push(
      new SecretV1(scope, 'credentials', {
        metadata: { name: secret.name, namespace: namespace.metadata.name },
        data: secret.data,
        type: 'Opaque',
      }),
    );
  }
  const release = new Release(scope, 'release', {
    name: options.releaseName,
    namespace: options.namespace,
    repository: options.chart.repository,
    chart: options.chart.chart,
    version: options.chart.version,
    // `helm upgrade --install --atomic --cleanup-on-fail --create-namespace --reset-values --wait`
    atomic: true,
    cleanupOnFail: true,
    createNamespace: !secret,
    resetValues: true,
    wait: true,
    values: [JSON.stringify(values, undefined, 2)],
    dependsOn,
  });
  return { release, values };
}
