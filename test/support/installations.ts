// One installation per DNS provider and identity mode, with the construct ids of the README and
// the example: what the Terraform address contract (test/terraform-addresses.json) is taken from.
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App as K8sApp } from 'cdk8s';
import { App, Testing, TerraformStack, TerraformVariable } from 'cdktf';
import { AZURE, DOMAIN, OIDC } from './handover';
import {
  AcmeServer, AwsDnsIdentity, AwsRoute53, AwsRoute53Props, AzureDns, AzureDnsIdentity, AzureZoneListing, CloudflareDns,
  GitpodCertManager, GitpodDnsIdentities, GitpodDnsZone, GitpodExternalAccountKey, GitpodExternalDns, GitpodIssuer, GitpodIssuerProps,
  GitpodManifests, GitpodTlsSecret,
  GoogleCloudDns, GoogleDnsIdentity, GoogleDnsRoleScope, IGitpodCloud,
} from '../../src';

const CLOUDFLARE_ACCOUNT = '0123456789abcdef0123456789abcdef';

/** Stack 1 (zone, identities, releases) and stack 2 (issuer and certificate), as the README builds them. */
interface InstallationOptions {
  /** Stop after external-dns: no cert-manager, no issuer. */
  readonly issuer?: boolean;
  readonly existingZoneId?: string;
  /** The issuer's props beyond the zone (default: an ACME account's e-mail). */
  readonly issuerProps?: (stack: TerraformStack, certManager: GitpodCertManager) => Partial<GitpodIssuerProps>;
}

function terraformInstallation(name: string, cloud: (stack: TerraformStack) => IGitpodCloud, options: InstallationOptions = {}): TerraformStack[] {
  const app = Testing.app();
  const stack = new TerraformStack(app, name);
  const zone = new GitpodDnsZone(stack, 'zone', { cloud: cloud(stack), domain: DOMAIN, existingZoneId: options.existingZoneId });
  new GitpodExternalDns(stack, 'external-dns', { zone });
  if (options.issuer === false) return [stack];
  const certManager = new GitpodCertManager(stack, 'cert-manager', { zone });
  const issuerProps = options.issuerProps?.(stack, certManager) ?? { email: 'platform-team@example.com' };
  const issuer = new GitpodIssuer(new K8sApp(), `${name}-issuer`, { zone, ...issuerProps });
  return [stack, issuerStack(app, name, issuer, stack)];
}

const sensitive = (stack: TerraformStack, id: string) => new TerraformVariable(stack, id, { type: 'string', sensitive: true }).stringValue;

function issuerStack(app: App, name: string, issuer: GitpodIssuer, after: TerraformStack): TerraformStack {
  const cluster = new TerraformStack(app, `${name}-issuer`);
  new GitpodManifests(cluster, 'issuer', { chart: issuer, after: [after] });
  return cluster;
}

/** The cloud side of a GitOps installation: the zone and the identities only. */
function gitopsInstallation(name: string, cloud: IGitpodCloud): TerraformStack[] {
  const stack = new TerraformStack(Testing.app(), name);
  const zone = new GitpodDnsZone(stack, 'zone', { cloud, domain: DOMAIN });
  new GitpodDnsIdentities(stack, 'identities', { zone });
  return [stack];
}

const aws = (props: Partial<AwsRoute53Props> = {}) => () => new AwsRoute53({ region: 'eu-west-1', oidcProviderArn: OIDC, ...props });

/** Each installation by name: its stacks, built afresh. */
export const INSTALLATIONS: { [name: string]: () => TerraformStack[] } = {
  'gcp workload identity': () => terraformInstallation('gitpod-gcp', () => new GoogleCloudDns({ project: 'my-project' })),
  'gcp service account keys': () => terraformInstallation('gitpod-gcp', () => new GoogleCloudDns({ project: 'my-project', identity: GoogleDnsIdentity.SERVICE_ACCOUNT_KEY })),
  'gcp project role scope': () => terraformInstallation('gitpod-gcp', () => new GoogleCloudDns({ project: 'my-project', roleScope: GoogleDnsRoleScope.PROJECT })),
  'gcp private zone': () => terraformInstallation('gitpod-gcp', () => new GoogleCloudDns({ project: 'my-project', privateZoneNetworks: ['projects/my-project/global/networks/gitpod'] }), { issuer: false }),
  'gcp gitops': () => gitopsInstallation('gitpod-gcp-gitops', new GoogleCloudDns({ project: 'my-project' })),
  'aws irsa': () => terraformInstallation('gitpod-aws', aws()),
  'aws pod identity': () => terraformInstallation('gitpod-aws', aws({ identity: AwsDnsIdentity.POD_IDENTITY, oidcProviderArn: undefined, clusterName: 'gitpod' })),
  'aws existing service accounts': () => terraformInstallation('gitpod-aws', aws({ identity: AwsDnsIdentity.EXISTING_SERVICE_ACCOUNTS, oidcProviderArn: undefined })),
  'aws central dns account': () => terraformInstallation('gitpod-aws', (stack) => new AwsRoute53({
    region: 'eu-west-1',
    oidcProviderArn: OIDC,
    dnsAccountId: '444455556666',
    dnsAccountProvider: new AwsProvider(stack, 'dns-account', { alias: 'dns', region: 'us-east-1' }),
  })),
  'aws private zone': () => terraformInstallation('gitpod-aws', aws({ privateZoneVpcId: 'vpc-0a1b2c3d4e5f67890' }), { issuer: false }),
  'aws existing zone': () => terraformInstallation('gitpod-aws', aws(), { existingZoneId: 'Z1230498123094' }),
  'azure workload identity': () => terraformInstallation('gitpod-azure', () => new AzureDns(AZURE)),
  'azure reader listing': () => terraformInstallation('gitpod-azure', () => new AzureDns({ ...AZURE, externalDnsZoneListing: AzureZoneListing.READER })),
  'azure kubelet identity': () => terraformInstallation('gitpod-azure', () => new AzureDns({
    ...AZURE,
    identity: AzureDnsIdentity.KUBELET_IDENTITY,
    kubeletIdentity: { clientId: '33333333-3333-3333-3333-333333333333', objectId: '44444444-4444-4444-4444-444444444444' },
  })),
  'azure private zone': () => terraformInstallation('gitpod-azure', () => new AzureDns({
    ...AZURE,
    privateZoneVirtualNetworkIds: ['/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/network/providers/Microsoft.Network/virtualNetworks/gitpod'],
  }), { issuer: false }),
  'cloudflare tokens': () => terraformInstallation('gitpod-cloudflare', () => new CloudflareDns({ accountId: CLOUDFLARE_ACCOUNT })),
  'cloudflare existing zone': () => terraformInstallation('gitpod-cloudflare', () => new CloudflareDns({ accountId: CLOUDFLARE_ACCOUNT }), { existingZoneId: '023e105f4ecef8ad9ca31a8372d0c353' }),
  'cloudflare existing token': () => terraformInstallation('gitpod-cloudflare', (stack) => new CloudflareDns({
    accountId: CLOUDFLARE_ACCOUNT,
    apiToken: new TerraformVariable(stack, 'cloudflare-api-token', { type: 'string', sensitive: true }).stringValue,
  })),
  'cloudflare gitops': () => gitopsInstallation('gitpod-cloudflare-gitops', new CloudflareDns({ accountId: CLOUDFLARE_ACCOUNT })),
  'gcp private zone, internal CA': () => terraformInstallation('gitpod-gcp', () => new GoogleCloudDns({ project: 'my-project', privateZoneNetworks: ['projects/my-project/global/networks/gitpod'] }), {
    issuerProps: () => ({}),
  }),
  'gcp Google Trust Services key': () => terraformInstallation('gitpod-gcp', () => new GoogleCloudDns({ project: 'my-project' }), {
    issuerProps: (stack, certManager) => ({
      email: 'platform-team@example.com',
      acmeServer: AcmeServer.custom('https://acme.public-ca.example/directory'),
      externalAccountBinding: new GitpodExternalAccountKey(stack, 'acme-key', { certManager, googlePublicCaProject: 'my-project' }).binding,
    }),
  }),
  'aws ZeroSSL key': () => terraformInstallation('gitpod-aws', aws(), {
    issuerProps: (stack, certManager) => ({
      email: 'platform-team@example.com',
      acmeServer: AcmeServer.ZEROSSL,
      externalAccountBinding: new GitpodExternalAccountKey(stack, 'acme-key', { certManager, keyId: 'kid', hmacKey: sensitive(stack, 'eab-hmac-key') }).binding,
    }),
  }),
  'gcp gitops, ZeroSSL key': () => {
    const [stack] = gitopsInstallation('gitpod-gcp-gitops', new GoogleCloudDns({ project: 'my-project' }));
    const identities = stack.node.findChild('identities') as GitpodDnsIdentities;
    new GitpodExternalAccountKey(stack, 'acme-key', { identities, keyId: 'kid', hmacKey: sensitive(stack, 'eab-hmac-key') });
    return [stack];
  },
  'bring your own certificate': () => {
    const stack = new TerraformStack(Testing.app(), 'gitpod-tls');
    new GitpodTlsSecret(stack, 'tls', { certificateFile: `${__dirname}/../fixtures/test-only.crt`, keyFile: `${__dirname}/../fixtures/test-only.key` });
    return [stack];
  },
};

/**
 * A stack's addresses: every managed resource (`<type>.<logical id>`) and every `moved` block
 * (`moved <from> -> <to>`), sorted. Data sources are read, never destroyed: they are left out.
 */
export function addresses(stack: TerraformStack): string[] {
  const json = JSON.parse(Testing.synth(stack));
  const resources = Object.entries(json.resource ?? {}).flatMap(([type, byId]) => Object.keys(byId as object).map((id) => `${type}.${id}`));
  const moved = (json.moved ?? []).map((m: { from: string; to: string }) => `moved ${m.from} -> ${m.to}`);
  return [...resources, ...moved].sort();
}
