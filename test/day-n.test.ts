// Day N: what the user owns is never lost as a side effect. Zones and the Gitpod namespace refuse a
// destroy, a GitOps prune leaves the namespaces, the certificate's Secret outlives its Certificate,
// a deploy ends when TLS works, and what cannot work is refused or warned about at synth.
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { Testing as K8sTesting, YamlOutputType } from 'cdk8s';
import { Testing, TerraformStack, TerraformVariable } from 'cdktf';
import { gcpExample } from '../example/gcp';
import {
  AwsRoute53, CloudflareDns, GitOpsFlavor, GitpodCertManager, GitpodDnsZone, GitpodExternalDns, GitpodGitOps, GitpodIssuer,
  DnsZoneRequest, GitpodManifests, GitpodManifestsApp, GoogleCloudDns, IGitpodCloud,
} from '../src';
import { CLOUD_MODES, handoverFile, OIDC } from './support/handover';
import { containerArgs, renderRelease } from './support/helm';
import { INSTALLATIONS } from './support/installations';
import { validateManifests } from './support/manifests';
import { KEEP_WHEN_PRUNED, releaseNamed, resources, synthJson, testStack } from './support/synth';

const DOMAIN = 'gitpod.example.com';
const EMAIL = 'platform-team@example.com';
const ZONE_TYPES = ['google_dns_managed_zone', 'aws_route53_zone', 'azurerm_dns_zone', 'azurerm_private_dns_zone', 'cloudflare_zone'];
/** Every zone resource of a stack, by type. */
function zones(json: any): Array<[string, any]> {
  return ZONE_TYPES.flatMap((type) => Object.values(resources(json, type)).map((zone) => [type, zone] as [string, any]));
}

describe('zones refuse a destroy', () => {
  // Each DNS provider, public and private, in each identity mode: the installations of the address contract.
  const created = Object.entries(INSTALLATIONS).filter(([name]) => !/existing zone|bring your own/.test(name));

  test.each(created.map(([name]) => name))('%s: the zone carries lifecycle.prevent_destroy', (name) => {
    const [stack] = INSTALLATIONS[name]();
    const found = zones(synthJson(stack));
    expect(found).toHaveLength(1);
    expect(found[0][1].lifecycle).toEqual({ prevent_destroy: true });
  });

  test('the four providers and both private kinds are all covered', () => {
    const types = new Set(created.flatMap(([name]) => zones(synthJson(INSTALLATIONS[name]()[0])).map(([type]) => type)));
    expect([...types].sort()).toEqual([...ZONE_TYPES].sort());
  });

  test.each(Object.keys(CLOUD_MODES))('%s: preventDestroy false leaves the zone unprotected, for throwaway environments', (mode) => {
    const stack = testStack();
    new GitpodDnsZone(stack, 'zone', { cloud: CLOUD_MODES[mode](), domain: DOMAIN, preventDestroy: false });
    const found = zones(synthJson(stack));
    expect(found).toHaveLength(1);
    expect(found[0][1].lifecycle).toBeUndefined();
  });

  test.each([
    ['Cloud DNS', () => new GoogleCloudDns({ project: 'my-project' }), 'gitpod-example-com', 'google_dns_managed_zone'],
    ['Route53', () => new AwsRoute53({ region: 'eu-west-1', oidcProviderArn: OIDC }), 'Z1230498123094', 'aws_route53_zone'],
    ['Cloudflare', () => new CloudflareDns({ accountId: '0123456789abcdef0123456789abcdef' }), '023e105f4ecef8ad9ca31a8372d0c353', 'cloudflare_zone'],
  ])('%s: an existing zone stays read-only (a data source, nothing to destroy)', (_, cloud, existingZoneId, type) => {
    const stack = testStack();
    new GitpodDnsZone(stack, 'zone', { cloud: cloud(), domain: DOMAIN, existingZoneId });
    const json = synthJson(stack);
    expect(zones(json)).toEqual([]);
    expect(Object.keys(json.data[type])).toHaveLength(1);
  });

  test('a DNS provider that returns no zone resource gets a warning, not silence', () => {
    const stack = testStack();
    const noResource: IGitpodCloud = { ...CLOUD_MODES.gcp(), cloudName: 'bare', bindZone: (_: unknown, request: DnsZoneRequest) => ({ zoneName: request.zoneName, zoneId: 'z', nameServers: [] }) } as any;
    const zone = new GitpodDnsZone(stack, 'zone', { cloud: noResource, domain: DOMAIN });
    expect(zone.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => m.data)).toEqual([expect.stringMatching(/^GitpodDnsZone: the bare DNS provider returned no zoneResource from bindZone, so the zone it created is not protected/)]);
  });
});

describe('the Gitpod namespace is never deleted as a side effect', () => {
  function issuerStack(props: { preventDestroy?: boolean; readyTimeout?: string } = {}, manifestsId: string = 'issuer') {
    const app = Testing.app();
    const first = new TerraformStack(app, 'gitpod-gcp');
    const zone = new GitpodDnsZone(first, 'zone', { cloud: new GoogleCloudDns({ project: 'my-project' }), domain: DOMAIN });
    const issuer = new GitpodIssuer(K8sTesting.app(), 'gitpod-gcp-issuer', { zone, email: EMAIL });
    const stack = new TerraformStack(app, 'gitpod-gcp-issuer');
    new GitpodManifests(stack, manifestsId, { chart: issuer, after: [first], ...props });
    return synthJson(stack);
  }
  const manifests = (json: any) => resources(json, 'kubernetes_manifest');

  test('Terraform: the Namespace refuses a destroy, so destroying the issuer stack stops before it', () => {
    expect(manifests(issuerStack()).namespace_gitpod.lifecycle).toEqual({ prevent_destroy: true });
    // The issuers and the certificate may go: the certificate's Secret outlives its Certificate (below).
    expect(manifests(issuerStack())['certificate_gitpod_https-certificates'].lifecycle).toBeUndefined();
  });

  test('Terraform: preventDestroy false is the deliberate teardown', () => {
    expect(manifests(issuerStack({ preventDestroy: false })).namespace_gitpod.lifecycle).toBeUndefined();
  });

  test('Terraform: renaming GitpodManifests keeps every address (no delete and re-create of the namespace)', () => {
    expect(Object.keys(manifests(issuerStack({}, 'renamed-issuer'))).sort()).toEqual(Object.keys(manifests(issuerStack())).sort());
    expect(Object.keys(manifests(issuerStack())).sort()).toEqual(['certificate_gitpod_https-certificates', 'clusterissuer_gitpod-issuer', 'namespace_gitpod']);
  });

  test('Terraform: two GitpodManifests applying the same object in one stack are refused, naming the first', () => {
    const app = Testing.app();
    const zone = new GitpodDnsZone(new TerraformStack(app, 'one'), 'zone', { cloud: new GoogleCloudDns({ project: 'my-project' }), domain: DOMAIN });
    const issuer = new GitpodIssuer(K8sTesting.app(), 'issuer', { zone, email: EMAIL });
    const stack = new TerraformStack(app, 'two');
    new GitpodManifests(stack, 'first', { chart: issuer });
    expect(() => new GitpodManifests(stack, 'second', { chart: issuer })).toThrow(
      /^GitpodManifests\.chart: expected a chart whose objects no other GitpodManifests in stack two applies \(two\/first already applies Namespace gitpod\), got "two\/second"$/,
    );
  });

  test.each([GitOpsFlavor.FLUX, GitOpsFlavor.ARGO_CD])('GitOps (%s): every Namespace survives a prune and (Argo CD) an Application deletion', (flavor) => {
    const chart = new GitpodGitOps(K8sTesting.app({ yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE }), 'gitpod-networking', {
      zone: GitpodDnsZone.fromOutputsFile(handoverFile('gcp').file), flavor, issuer: { email: EMAIL }, flux: { repositoryPath: './clusters/prod' },
    });
    const objects = [...chart.toJson(), ...chart.issuer.toJson()];
    const namespaces = objects.filter((o) => o.kind === 'Namespace');
    expect(namespaces.map((n) => n.metadata.name).sort()).toEqual(['cert-manager', 'external-dns', 'gitpod']);
    for (const namespace of namespaces) expect(namespace.metadata.annotations).toMatchObject(KEEP_WHEN_PRUNED);
    validateManifests(objects);
  });

  test('the plain manifest file (kubectl or a GitOps repository of your own) carries the same protection', () => {
    const issuer = new GitpodIssuer(K8sTesting.app(), 'issuer', { zone: GitpodDnsZone.fromOutputsFile(handoverFile('aws').file), email: EMAIL });
    expect(issuer.toJson().find((o: any) => o.kind === 'Namespace').metadata.annotations).toEqual(KEEP_WHEN_PRUNED);
  });
});

describe('the certificate\'s Secret outlives its Certificate', () => {
  // cert-manager deletes a Certificate's Secret with it only with --enable-certificate-owner-ref
  // (docs: "Cleaning up Secrets when Certificates are deleted"; default false at v1.21.1).
  const certManager = () => {
    const stack = testStack();
    const zone = new GitpodDnsZone(stack, 'zone', { cloud: new GoogleCloudDns({ project: 'my-project' }), domain: DOMAIN });
    new GitpodCertManager(stack, 'cert-manager', { zone });
    return releaseNamed(synthJson(stack), 'cert-manager');
  };

  test('the controller runs without --enable-certificate-owner-ref', () => {
    const args = containerArgs(renderRelease(certManager()), 'cert-manager');
    expect(args.length).toBeGreaterThan(0);
    expect(args.filter((a) => a.startsWith('--enable-certificate-owner-ref'))).toEqual([]);
  });

  test('the check sees the flag where a user turns it on', () => {
    const release = certManager();
    const values = JSON.parse(release.values[0]);
    const args = containerArgs(renderRelease({ ...release, values: [JSON.stringify({ ...values, enableCertificateOwnerRef: true })] }), 'cert-manager');
    expect(args).toContain('--enable-certificate-owner-ref=true');
  });
});

describe('a deploy ends when TLS works', () => {
  const app = Testing.app();
  gcpExample(app, new GitpodManifestsApp({ outdir: mkdtempSync(join(tmpdir(), 'gitpod-day-n-')) }));
  const issuerJson = synthJson(app.node.findChild('gitpod-gcp-issuer') as TerraformStack);
  const manifests = resources(issuerJson, 'kubernetes_manifest');

  test('Terraform: the certificate and the issuer are applied with a wait for Ready=True and a 30 minute timeout', () => {
    for (const id of ['certificate_gitpod_https-certificates', 'clusterissuer_gitpod-issuer']) {
      expect(manifests[id].wait).toEqual({ condition: [{ type: 'Ready', status: 'True' }] });
      expect(manifests[id].timeouts).toEqual({ create: '30m', update: '30m' });
    }
    // A Namespace has no Ready condition: it is not waited for.
    expect(manifests.namespace_gitpod.wait).toBeUndefined();
  });

  test('Terraform: readyTimeout changes it; a value that is no duration is refused', () => {
    const stack = new TerraformStack(Testing.app(), 'issuer');
    const zone = GitpodDnsZone.fromOutputsFile(handoverFile('gcp').file);
    new GitpodManifests(stack, 'issuer', { chart: new GitpodIssuer(K8sTesting.app(), 'issuer', { zone, email: EMAIL }), readyTimeout: '2h' });
    expect(resources(synthJson(stack), 'kubernetes_manifest')['certificate_gitpod_https-certificates'].timeouts).toEqual({ create: '2h', update: '2h' });
    const again = new TerraformStack(Testing.app(), 'issuer');
    expect(() => new GitpodManifests(again, 'issuer', { chart: new GitpodIssuer(K8sTesting.app(), 'issuer', { zone, email: EMAIL }), readyTimeout: '30 minutes' })).toThrow(
      /^GitpodManifests\.readyTimeout: expected a duration such as "10m" or "1h30m", got "30 minutes"$/,
    );
  });

  test('Flux: the issuer Kustomization waits for every object, by cert-manager\'s Ready condition, with its own timeout', () => {
    const flux = (readyTimeout?: string) => new GitpodGitOps(K8sTesting.app({ yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE }), 'gitpod-networking', {
      zone: GitpodDnsZone.fromOutputsFile(handoverFile('gcp').file), flavor: GitOpsFlavor.FLUX, issuer: { email: EMAIL }, flux: { repositoryPath: './clusters/prod', readyTimeout },
    });
    const [, issuer] = flux().fluxKustomizations!.toJson();
    expect(issuer.spec).toMatchObject({ wait: true, timeout: '30m' });
    expect(issuer.spec.healthCheckExprs).toEqual(['Certificate', 'ClusterIssuer', 'Issuer'].map((kind) => ({
      apiVersion: 'cert-manager.io/v1', kind, current: "status.conditions.exists(c, c.type == 'Ready' && c.status == 'True')",
    })));
    validateManifests([issuer]);
    expect(flux('1h').fluxKustomizations!.toJson()[1].spec.timeout).toBe('1h');
    expect(() => flux('soon')).toThrow(/^GitpodGitOps\.flux\.readyTimeout: expected a duration such as "10m" or "1h30m", got "soon"$/);
  });

  test('Argo CD: the certificate is in the last wave, as a cert-manager.io/v1 Certificate its built-in health check reads', () => {
    const chart = new GitpodGitOps(K8sTesting.app(), 'gitpod-networking', { zone: GitpodDnsZone.fromOutputsFile(handoverFile('gcp').file), flavor: GitOpsFlavor.ARGO_CD, issuer: { email: EMAIL } });
    const certificate = chart.issuer.toJson().find((o: any) => o.kind === 'Certificate');
    // argoproj/argo-cd:resource_customizations/cert-manager.io/Certificate/health.lua (Ready=True: Healthy).
    expect([certificate.apiVersion, certificate.kind]).toEqual(['cert-manager.io/v1', 'Certificate']);
    const waves = [...chart.toJson(), ...chart.issuer.toJson()].map((o: any) => Number(o.metadata.annotations['argocd.argoproj.io/sync-wave']));
    expect(Number(certificate.metadata.annotations['argocd.argoproj.io/sync-wave'])).toBe(Math.max(...waves));
  });
});

describe('Cloudflare on ordinary plans', () => {
  const ACCOUNT = '0123456789abcdef0123456789abcdef';
  const warnings = (stack: TerraformStack) => stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => m.data));

  function cloudflare(zoneProps: { zoneName?: string; existingZoneId?: string; domain?: string } = {}) {
    const stack = testStack();
    const zone = new GitpodDnsZone(stack, 'zone', { cloud: new CloudflareDns({ accountId: ACCOUNT }), domain: DOMAIN, ...zoneProps });
    new GitpodExternalDns(stack, 'external-dns', { zone });
    new GitpodCertManager(stack, 'cert-manager', { zone });
    return stack;
  }

  test('creating a zone below a registrable domain warns that it needs the Subdomain Support entitlement', () => {
    expect(warnings(cloudflare())).toEqual([
      expect.stringMatching(/^GitpodDnsZone: Cloudflare creates a zone for gitpod\.example\.com, a name below the registrable domain example\.com, only on accounts with the Subdomain Support entitlement \(Enterprise plans\).*existingZoneId/),
    ]);
  });

  test.each([
    ['the registrable domain', { zoneName: 'example.com' }],
    ['a registrable domain under a two-label suffix', { domain: 'gitpod.example.co.uk', zoneName: 'example.co.uk' }],
    ['a name directly under a private suffix of the list', { domain: 'gitpod.my-team.github.io', zoneName: 'my-team.github.io' }],
    ['the quick start: the existing apex zone by its id', { zoneName: 'example.com', existingZoneId: '023e105f4ecef8ad9ca31a8372d0c353' }],
  ])('%s: no warning', (_, zoneProps) => {
    expect(warnings(cloudflare(zoneProps))).toEqual([]);
  });

  test('the permission groups are looked up once per stack, however many tools and zones need tokens', () => {
    const stack = cloudflare({ zoneName: 'example.com', existingZoneId: '023e105f4ecef8ad9ca31a8372d0c353' });
    const second = new GitpodDnsZone(stack, 'private-zone', { cloud: new CloudflareDns({ accountId: ACCOUNT }), domain: 'internal.example.org', preventDestroy: false });
    new GitpodExternalDns(stack, 'external-dns-2', { zone: second, namespaceName: 'external-dns-2', releaseName: 'external-dns-2' });
    const json = synthJson(stack);
    const lookups = Object.values(json.data.cloudflare_account_api_token_permission_groups_list).map((d: any) => d.name).sort();
    expect(lookups).toEqual(['DNS Write', 'Zone Read']);
    expect(Object.keys(resources(json, 'cloudflare_account_token'))).toHaveLength(3);
  });
});

describe('bad input is refused at synth, naming the property', () => {
  test('a provider object of another cloud where the AWS provider of the DNS account belongs', () => {
    const stack = testStack();
    const google = new GoogleProvider(stack, 'google', { project: 'my-project' });
    expect(() => new AwsRoute53({ region: 'eu-west-1', oidcProviderArn: OIDC, dnsAccountId: '444455556666', dnsAccountProvider: google })).toThrow(
      /^AwsRoute53\.dnsAccountProvider: expected the AwsProvider of the DNS account 444455556666, got "a google provider"$/,
    );
    expect(() => new AwsRoute53({ region: 'eu-west-1', oidcProviderArn: OIDC, dnsAccountId: '444455556666', dnsAccountProvider: {} as any })).toThrow(
      /^AwsRoute53\.dnsAccountProvider: expected the AwsProvider of the DNS account 444455556666, got \{\}$/,
    );
  });

  test.each([
    ['an absolute path', '/clusters/prod', /\(not an absolute path\), got "\/clusters\/prod"$/],
    ['a path that leaves the repository', './clusters/../../elsewhere', /\(it leaves the repository\), got "\.\/clusters\/\.\.\/\.\.\/elsewhere"$/],
    ['a parent folder', '../gitpod', /\(it leaves the repository\)/],
    ['a Windows path', 'C:\\repo\\clusters', /\(not an absolute path\)/],
  ])('a GitOps repository path: %s', (_, repositoryPath, error) => {
    expect(() => new GitpodGitOps(K8sTesting.app({ yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE }), 'gitops', {
      zone: GitpodDnsZone.fromOutputsFile(handoverFile('gcp').file), flavor: GitOpsFlavor.FLUX, issuer: { email: EMAIL }, flux: { repositoryPath },
    })).toThrow(new RegExp(`^GitpodGitOps\\.flux\\.repositoryPath: expected a folder of the repository, relative to its root.*${error.source}`));
  });

  test('a GitOps repository path is normalized to the form Flux documents', () => {
    const flux = (repositoryPath: string) => new GitpodGitOps(K8sTesting.app({ yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE }), 'gitops', {
      zone: GitpodDnsZone.fromOutputsFile(handoverFile('gcp').file), flavor: GitOpsFlavor.FLUX, issuer: { email: EMAIL }, flux: { repositoryPath },
    }).fluxKustomizations!.toJson()[0].spec.path;
    expect(flux('clusters/prod/')).toBe('./clusters/prod/gitops');
    expect(flux('./clusters//prod')).toBe('./clusters/prod/gitops');
    expect(flux('.')).toBe('./gitops');
  });

  test.each([
    ['aws-cn', 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.cn-north-1.amazonaws.com.cn/id/EXAMPLE', /^AwsRoute53\.oidcProviderArn: expected an ARN in the partition "aws-cn" \(AwsRoute53\.partition\), or set partition to "aws", got/],
    ['aws', 'arn:aws-us-gov:iam::111122223333:oidc-provider/oidc.eks.us-gov-west-1.amazonaws.com/id/EXAMPLE', /^AwsRoute53\.oidcProviderArn: expected an ARN in the partition "aws" \(AwsRoute53\.partition\), or set partition to "aws-us-gov", got/],
  ])('an ARN whose partition contradicts partition "%s"', (partition, oidcProviderArn, error) => {
    expect(() => new AwsRoute53({ region: 'eu-west-1', oidcProviderArn, partition })).toThrow(error);
  });

  test('an ARN in the partition given, or one known only at apply, is taken', () => {
    expect(() => new AwsRoute53({ region: 'cn-north-1', partition: 'aws-cn', oidcProviderArn: 'arn:aws-cn:iam::111122223333:oidc-provider/oidc.eks.cn-north-1.amazonaws.com.cn/id/EXAMPLE' })).not.toThrow();
    const token = new TerraformVariable(testStack(), 'oidc', { type: 'string' }).stringValue;
    expect(() => new AwsRoute53({ region: 'cn-north-1', partition: 'aws-cn', oidcProviderArn: token })).not.toThrow();
  });

  test.each([
    ['a Global API Key (before 2026)', '0123456789abcdef0123456789abcdef01234', /never a Global API Key, got "a Global API Key"$/],
    ['a Global API Key (since 2026)', `cfk_${'A'.repeat(40)}0a1b2c3d`, /never a Global API Key, got "a Global API Key"$/],
    ['too short for a token', 'abc123', /: 40 to 80 letters, digits, "_" or "-", got "a value of 6 characters that is not a token"$/],
    ['a value with spaces', `${'a'.repeat(20)} ${'b'.repeat(20)}`, /got "a value of 41 characters that is not a token"$/],
  ])('a Cloudflare API token value that cannot be one: %s, and the error never shows it', (_, apiToken, error) => {
    expect(() => new CloudflareDns({ accountId: '0123456789abcdef0123456789abcdef', apiToken })).toThrow(
      new RegExp(`^CloudflareDns\\.apiToken: expected an API token allowed Zone Read and DNS Write on the zone \\(a sensitive TerraformVariable, say\\).*${error.source}`),
    );
    try {
      new CloudflareDns({ accountId: '0123456789abcdef0123456789abcdef', apiToken });
    } catch (e: any) {
      expect(e.message).not.toContain(apiToken);
    }
  });

  test.each([
    ['a token of 2025', 'Ab3_d-F6h7J8k9L0m1N2p3Q4r5S6t7U8v9W0x1Y2'],
    ['a scannable token of 2026', `cfat_${'Ab3d'.repeat(10)}0a1b2c3d`],
  ])('a Cloudflare API token that can be one is taken: %s', (_, apiToken) => {
    expect(() => new CloudflareDns({ accountId: '0123456789abcdef0123456789abcdef', apiToken })).not.toThrow();
  });
});
