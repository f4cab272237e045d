// Google Cloud: Cloud DNS + GKE with Workload Identity.
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { clusterProviders, DOMAIN, EMAIL } from './shared';
import { GitpodCertManager, GitpodDnsZone, GitpodExternalDns, GitpodIssuer, GitpodManifests, GitpodManifestsApp, GoogleCloudDns } from '../src';

export function gcpExample(app: App, manifests: GitpodManifestsApp): void {
  const project = 'my-gitpod-project';
  const kubeContext = `gke_${project}_europe-west1_gitpod`;

  // Stack 1: zone, identities, external-dns and cert-manager (with its CRDs).
  const stack = new TerraformStack(app, 'gitpod-gcp');
  new GoogleProvider(stack, 'google', { project, region: 'europe-west1' });
  clusterProviders(stack, kubeContext);
  // The zone refuses a destroy or a replacement (lifecycle.prevent_destroy; `preventDestroy: false`
  // for a throwaway environment), as does every zone the library creates.
  const zone = new GitpodDnsZone(stack, 'zone', { cloud: new GoogleCloudDns({ project }), domain: DOMAIN });
  new GitpodExternalDns(stack, 'external-dns', { zone });
  new GitpodCertManager(stack, 'cert-manager', { zone });

  // The ClusterIssuer and the Certificate: dist/gitpod-gcp-issuer.k8s.yaml ...
  const issuer = new GitpodIssuer(manifests, 'gitpod-gcp-issuer', { zone, email: EMAIL });
  // ... and stack 2, which applies them once stack 1 has installed cert-manager's CRDs, and returns
  // only when the certificate is issued (wait for Ready=True, 30 minutes); the gitpod Namespace
  // refuses a destroy.
  const cluster = new TerraformStack(app, 'gitpod-gcp-issuer');
  clusterProviders(cluster, kubeContext);
  new GitpodManifests(cluster, 'issuer', { chart: issuer, after: [stack] });
}
