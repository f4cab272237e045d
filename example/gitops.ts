// GitOps, cloud side: the zone and the two identities, and the hand-over output that the cdk8s app
// in example-gitops/ reads (`cdktf deploy gitpod-gcp-gitops --outputs-file example-gitops/outputs.json`).
// No Helm release and no cluster credentials here: Flux or Argo CD install the cluster side.
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { GitpodDnsIdentities, GitpodDnsZone, GoogleCloudDns } from '../src';

/** The domain of the GitOps installation (another than the Terraform-only examples'). */
export const GITOPS_DOMAIN = 'gitpod-gitops.example.com';

export function gitopsCloudExample(app: App): TerraformStack {
  const project = 'my-gitpod-project';
  const stack = new TerraformStack(app, 'gitpod-gcp-gitops');
  new GoogleProvider(stack, 'google', { project, region: 'europe-west1' });
  const zone = new GitpodDnsZone(stack, 'zone', { cloud: new GoogleCloudDns({ project }), domain: GITOPS_DOMAIN });
  new GitpodDnsIdentities(stack, 'identities', { zone });
  return stack;
}
