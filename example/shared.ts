import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { TerraformStack } from 'cdktf';

/** The Gitpod domain of every example installation. */
export const DOMAIN = 'gitpod.example.com';
/** The ACME account's contact address. */
export const EMAIL = 'platform-team@example.com';

/**
 * Kubernetes and Helm providers for a stack that installs into the cluster. Here a kubeconfig
 * context; in a real app, the cluster's endpoint and credentials from its own stack.
 */
export function clusterProviders(stack: TerraformStack, context: string): void {
  const kubernetes = { configPath: '~/.kube/config', configContext: context };
  new KubernetesProvider(stack, 'kubernetes', kubernetes);
  new HelmProvider(stack, 'helm', { kubernetes });
}
