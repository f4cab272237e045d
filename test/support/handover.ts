// Builds the cloud side of each cloud for the GitOps tests, and the outputs file `cdktf deploy
// --outputs-file` would write for it, with Terraform's apply-time values replaced by literals.
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { TerraformStack, Testing } from 'cdktf';
import {
  AwsDnsIdentity, AwsRoute53, AzureDns, AzureDnsIdentity, CloudflareDns, GitpodCertManager, GitpodDnsIdentities, GitpodDnsZone, GitpodExternalDns,
  GoogleCloudDns, GoogleDnsIdentity, IGitpodCloud,
} from '../../src';

export const DOMAIN = 'gitpod.example.com';
export const OIDC = 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE';
export const AZURE = {
  subscriptionId: '00000000-0000-0000-0000-000000000000',
  tenantId: '11111111-1111-1111-1111-111111111111',
  resourceGroupName: 'gitpod',
  location: 'westeurope',
  oidcIssuerUrl: 'https://westeurope.oic.prod-aks.azure.com/tenant/issuer/',
};

/** Every cloud in every identity mode, by a readable name. */
export const CLOUD_MODES: { [mode: string]: () => IGitpodCloud } = {
  'gcp': () => new GoogleCloudDns({ project: 'my-gitpod-project' }),
  'gcp, service account keys': () => new GoogleCloudDns({ project: 'my-gitpod-project', identity: GoogleDnsIdentity.SERVICE_ACCOUNT_KEY }),
  'aws': () => new AwsRoute53({ region: 'eu-west-1', oidcProviderArn: OIDC }),
  'aws, pod identity': () => new AwsRoute53({ region: 'eu-west-1', identity: AwsDnsIdentity.POD_IDENTITY, clusterName: 'gitpod' }),
  'aws, existing service accounts': () => new AwsRoute53({ region: 'eu-west-1', identity: AwsDnsIdentity.EXISTING_SERVICE_ACCOUNTS }),
  'azure': () => new AzureDns(AZURE),
  'azure, kubelet identity': () => new AzureDns({
    ...AZURE,
    location: undefined,
    oidcIssuerUrl: undefined,
    identity: AzureDnsIdentity.KUBELET_IDENTITY,
    kubeletIdentity: { clientId: '33333333-3333-3333-3333-333333333333', objectId: '44444444-4444-4444-4444-444444444444' },
  }),
  'cloudflare': () => new CloudflareDns({ accountId: '0123456789abcdef0123456789abcdef' }),
};

/** The literal Terraform would put where a synthesized value has an apply-time reference. */
export function applied(value: any): any {
  if (typeof value === 'string') {
    return value.replace(/\$\{([^}]*)\}/g, (_, expression: string) => {
      const workload = /cert-manager/.test(expression) ? 'cert-manager' : 'external-dns';
      if (/^google_service_account\..*\.email$/.test(expression)) return `${workload}-abc123@my-gitpod-project.iam.gserviceaccount.com`;
      if (/^aws_iam_role\..*\.arn$/.test(expression)) return `arn:aws:iam::111122223333:role/gitpod-${workload}-abc123`;
      if (/^azurerm_user_assigned_identity\..*\.client_id$/.test(expression)) return workload === 'cert-manager' ? 'cccccccc-0000-0000-0000-000000000000' : 'eeeeeeee-0000-0000-0000-000000000000';
      if (/^aws_route53_zone\..*\.zone_id$/.test(expression)) return 'Z0123456789EXAMPLE';
      if (/^cloudflare_zone\..*\.id$/.test(expression)) return 'fedcba9876543210fedcba9876543210';
      throw new Error(`no applied value for \${${expression}}`);
    });
  }
  if (Array.isArray(value)) return value.map(applied);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, applied(v)]));
  return value;
}

/** The cloud side with GitpodDnsIdentities, and the outputs file of its deploy. */
export function handoverFile(mode: string, stackName: string = 'gitpod-cloud'): { file: string; json: any } {
  const stack = new TerraformStack(Testing.app(), stackName);
  const zone = new GitpodDnsZone(stack, 'zone', { cloud: CLOUD_MODES[mode](), domain: DOMAIN });
  new GitpodDnsIdentities(stack, 'identities', { zone });
  const json = JSON.parse(Testing.synth(stack));
  // `cdktf deploy --outputs-file` nests outputs by construct path under the stack name.
  const outputs = {
    [stackName]: {
      zone: { 'name-servers': ['ns1.example.net.'], 'zone-id': 'zone' },
      identities: { handover: applied(json.output.identities_handover.value) },
    },
  };
  const file = join(mkdtempSync(join(tmpdir(), 'gitpod-outputs-')), 'outputs.json');
  writeFileSync(file, JSON.stringify(outputs, undefined, 2));
  return { file, json };
}

/** The values the Terraform constructs install on the same cloud, with apply-time references resolved. */
export function terraformReleaseValues(mode: string): { [releaseName: string]: any } {
  const stack = new TerraformStack(Testing.app(), 'terraform');
  const zone = new GitpodDnsZone(stack, 'zone', { cloud: CLOUD_MODES[mode](), domain: DOMAIN });
  new GitpodExternalDns(stack, 'external-dns', { zone });
  new GitpodCertManager(stack, 'cert-manager', { zone });
  const releases = Object.values(JSON.parse(Testing.synth(stack)).resource.helm_release) as any[];
  return Object.fromEntries(releases.map((r) => [r.name, applied(JSON.parse(r.values[0]))]));
}
