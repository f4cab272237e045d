// TLS from the CA the organisation uses: ACME with External Account Binding (the HMAC key only in a
// Secret Terraform makes), a key Terraform creates on Google Cloud, and the internal CA for private
// zones (cert-manager's own chain, published by trust-manager, named in the installer config).
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { App as K8sApp, Testing as K8sTesting, YamlOutputType } from 'cdk8s';
import { Testing, TerraformStack, TerraformVariable } from 'cdktf';
import {
  AcmeServer, AwsRoute53, AzureDns, GitOpsFlavor, GitpodCertManager, GitpodDnsIdentities, GitpodDnsZone, GitpodExternalAccountKey, GitpodGitOps,
  GitpodIssuer, GitpodManifests, GitpodManifestsApp, GoogleCloudDns, GitpodIssuerKind, IGitpodDnsZone,
} from '../src';
import { AZURE, OIDC } from './support/handover';
import { findObject, renderRelease } from './support/helm';
import { validateManifests } from './support/manifests';
import { onlyResource, releaseNamed, resources, synthJson, testStack } from './support/synth';

const DOMAIN = 'gitpod.example.com';
const EMAIL = 'platform-team@example.com';
/** Stands for Google Trust Services' directory, which the user copies from Google Cloud's Public CA tutorial (see the README). */
const GTS = 'https://acme.public-ca.example/directory';

const publicGcp = () => new GoogleCloudDns({ project: 'my-project' });
const PRIVATE_ZONES = {
  gcp: () => new GoogleCloudDns({ project: 'my-project', privateZoneNetworks: ['projects/my-project/global/networks/gitpod'] }),
  aws: () => new AwsRoute53({ region: 'eu-west-1', oidcProviderArn: OIDC, privateZoneVpcId: 'vpc-0a1b2c3d4e5f67890' }),
  azure: () => new AzureDns({ ...AZURE, privateZoneVirtualNetworkIds: ['/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/network/providers/Microsoft.Network/virtualNetworks/gitpod'] }),
};

/** Stack 1 with cert-manager on a zone, and the sensitive HMAC key a user hands in. */
function clusterStack(app = Testing.app(), cloud = publicGcp()) {
  const stack = new TerraformStack(app, 'gitpod');
  const zone = new GitpodDnsZone(stack, 'zone', { cloud, domain: DOMAIN });
  const certManager = new GitpodCertManager(stack, 'cert-manager', { zone });
  const hmacKey = new TerraformVariable(stack, 'eab-hmac-key', { type: 'string', sensitive: true }).stringValue;
  return { app, stack, zone, certManager, hmacKey };
}

const objects = (issuer: GitpodIssuer) => issuer.toJson();
const byKind = (issuer: GitpodIssuer, kind: string) => objects(issuer).filter((o: any) => o.kind === kind);

describe('ACME with External Account Binding (ZeroSSL, a commercial CA)', () => {
  const { stack, zone, certManager, hmacKey } = clusterStack();
  const eab = new GitpodExternalAccountKey(stack, 'zerossl', { certManager, keyId: 'kid-from-zerossl', hmacKey });
  const issuer = new GitpodIssuer(K8sTesting.app(), 'issuer', { zone, email: EMAIL, acmeServer: AcmeServer.ZEROSSL, externalAccountBinding: eab.binding });
  const json = synthJson(stack);

  test('Terraform writes the HMAC key from the sensitive value into a Secret in cert-manager\'s namespace, after the release', () => {
    const secret = onlyResource(json, 'kubernetes_secret_v1');
    expect(secret).toEqual({
      metadata: { name: 'acme-external-account-key', namespace: 'cert-manager' },
      data: { secret: '${var.eab-hmac-key}' },
      type: 'Opaque',
      depends_on: [expect.stringMatching(/^helm_release\.cert-manager_release_[0-9A-F]+$/)],
    });
    expect(json.variable['eab-hmac-key']).toEqual({ type: 'string', sensitive: true });
  });

  test('the issuer binds its account with the key id and names the Secret; no key in any manifest, value or output', () => {
    const [clusterIssuer] = byKind(issuer, 'ClusterIssuer');
    expect(clusterIssuer.spec.acme).toMatchObject({
      server: 'https://acme.zerossl.com/v2/DV90',
      email: EMAIL,
      externalAccountBinding: { keyID: 'kid-from-zerossl', keySecretRef: { name: 'acme-external-account-key', key: 'secret' } },
    });
    validateManifests(objects(issuer));
    const everywhere = JSON.stringify([objects(issuer), json.output ?? {}, helmValuesOf(json)]);
    expect(everywhere).not.toContain('eab-hmac-key');
  });

  test('AcmeServer.ZEROSSL is the directory cert-manager\'s ZeroSSL tutorial gives', () => {
    expect(AcmeServer.ZEROSSL.url).toBe('https://acme.zerossl.com/v2/DV90');
  });
});

function helmValuesOf(json: any) {
  return Object.values(resources(json, 'helm_release')).map((r: any) => JSON.parse(r.values[0]));
}

describe('Google Trust Services on Google Cloud: Terraform creates the EAB key itself', () => {
  const app = Testing.app();
  const { stack, zone, certManager } = clusterStack(app);
  const eab = new GitpodExternalAccountKey(stack, 'gts', { certManager, googlePublicCaProject: 'my-project' });
  // The issuer's key id is known only after apply: a cdk8s App that is never synthesized to files.
  const issuer = new GitpodIssuer(new K8sApp(), 'gitpod-issuer', { zone, email: EMAIL, acmeServer: AcmeServer.custom(GTS), externalAccountBinding: eab.binding });
  const cluster = new TerraformStack(app, 'gitpod-issuer');
  new GitpodManifests(cluster, 'issuer', { chart: issuer, after: [stack] });
  // A whole-app synth: cdktf turns the key id into a cross-stack reference only then.
  new GoogleProvider(stack, 'google', { project: 'my-project' });
  for (const s of [stack, cluster]) new KubernetesProvider(s, 'kubernetes', {});
  new HelmProvider(stack, 'helm', {});
  app.synth();
  const stackJson = (name: string) => JSON.parse(readFileSync(join(app.outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'));
  const json = stackJson('gitpod');
  const clusterJson = stackJson('gitpod-issuer');

  test('the key is created in the project, and its HMAC goes, decoded once, into the Secret only', () => {
    expect(onlyResource(json, 'google_public_ca_external_account_key')).toEqual({ project: 'my-project', location: 'global' });
    const secret = onlyResource(json, 'kubernetes_secret_v1');
    expect(secret.metadata).toEqual({ name: 'acme-external-account-key', namespace: 'cert-manager' });
    expect(secret.data.secret).toMatch(/^\$\{replace\(base64decode\(replace\(replace\(google_public_ca_external_account_key\.gts_key_[0-9A-F]+\.b64_mac_key, "-", "\+"\), "_", "\/"\)\), "=", ""\)\}$/);
  });

  test('the issuer, applied from the second stack, uses the key id Terraform created (not a secret: nonsensitive)', () => {
    const manifest = resources(clusterJson, 'kubernetes_manifest')['clusterissuer_gitpod-issuer'].manifest;
    expect(manifest.spec.acme.server).toBe(GTS);
    expect(manifest.spec.acme.externalAccountBinding).toEqual({
      keyID: expect.stringMatching(/^\$\{nonsensitive\(data\.terraform_remote_state\.cross-stack-reference-input-gitpod\.outputs\.cross-stack-output-google_public_ca_external_account_key[A-Za-z0-9_-]*key_id\)\}$/),
      keySecretRef: { name: 'acme-external-account-key', key: 'secret' },
    });
    // The HMAC key stays in stack 1: the issuer stack holds no reference to it.
    expect(JSON.stringify(clusterJson)).not.toMatch(/mac_key/);
    expect(json.output[Object.keys(json.output).find((k) => k.startsWith('cross-stack-output'))!].sensitive).toBe(true);
  });

  test('synthesizing that issuer into a manifest file is refused: the file would hold a Terraform token', () => {
    const manifestsApp = new GitpodManifestsApp({ outdir: mkdtempSync(join(tmpdir(), 'gitpod-ca-')) });
    new GitpodIssuer(manifestsApp, 'issuer', { zone, email: EMAIL, acmeServer: AcmeServer.custom(GTS), externalAccountBinding: eab.binding });
    expect(() => manifestsApp.synth()).toThrow(/GitpodIssuer\.externalAccountBinding\.keyId: expected a literal key id in a manifest file, got a Terraform token/);
  });
});

describe('GitOps with External Account Binding: the Secret is Terraform\'s, the objects name it', () => {
  function gitopsCloud(googlePublicCaProject?: string) {
    const stack = testStack('gitpod-cloud');
    const zone = new GitpodDnsZone(stack, 'zone', { cloud: publicGcp(), domain: DOMAIN });
    const identities = new GitpodDnsIdentities(stack, 'identities', { zone });
    const hmacKey = googlePublicCaProject ? undefined : new TerraformVariable(stack, 'eab-hmac-key', { type: 'string', sensitive: true }).stringValue;
    new GitpodExternalAccountKey(stack, 'eab', { identities, googlePublicCaProject, keyId: googlePublicCaProject ? undefined : 'kid-from-zerossl', hmacKey });
    return synthJson(stack);
  }

  test('the hand-over carries the binding; Terraform makes cert-manager\'s namespace and the Secret in it', () => {
    const json = gitopsCloud();
    expect(json.output.identities_handover.value.externalAccountBinding).toEqual({ keyId: 'kid-from-zerossl', secretName: 'acme-external-account-key', secretKey: 'secret' });
    expect(onlyResource(json, 'kubernetes_namespace_v1')).toEqual({ metadata: { name: 'cert-manager' } });
    expect(onlyResource(json, 'kubernetes_secret_v1').data).toEqual({ secret: '${var.eab-hmac-key}' });
  });

  test('a key Terraform creates on Google Cloud reaches the hand-over as its id, never its HMAC', () => {
    const handover = gitopsCloud('my-project').output.identities_handover;
    expect(handover.value.externalAccountBinding.keyId).toMatch(/^\$\{nonsensitive\(google_public_ca_external_account_key\.eab_key_[0-9A-F]+\.key_id\)\}$/);
    expect(JSON.stringify(handover)).not.toMatch(/mac_key/);
  });

  test('without an external account key the hand-over has no binding', () => {
    const stack = testStack('gitpod-cloud');
    new GitpodDnsIdentities(stack, 'identities', { zone: new GitpodDnsZone(stack, 'zone', { cloud: publicGcp(), domain: DOMAIN }) });
    expect(synthJson(stack).output.identities_handover.value).not.toHaveProperty('externalAccountBinding');
  });

  test.each([GitOpsFlavor.FLUX, GitOpsFlavor.ARGO_CD])('%s: the issuer takes the binding from the hand-over and leaves cert-manager\'s namespace to Terraform', (flavor) => {
    const zone = GitpodDnsZone.fromAttributes({
      cloud: publicGcp(),
      domain: DOMAIN,
      zoneId: 'gitpod-example-com',
      certManager: { namespaceName: 'cert-manager', serviceAccountName: 'cert-manager', identity: 'cert-manager-abc123@my-project.iam.gserviceaccount.com' },
      externalDns: { namespaceName: 'external-dns', serviceAccountName: 'external-dns', identity: 'external-dns-abc123@my-project.iam.gserviceaccount.com' },
      externalAccountBinding: { keyId: 'kid-from-zerossl', secretName: 'acme-external-account-key' },
    });
    const chart = new GitpodGitOps(K8sTesting.app({ yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE }), 'gitpod-networking', {
      zone, flavor, issuer: { email: EMAIL, acmeServer: AcmeServer.ZEROSSL }, flux: { repositoryPath: './clusters/prod' },
    });
    const all = [...chart.toJson(), ...chart.issuer.toJson()];
    expect(all.find((o) => o.kind === 'ClusterIssuer').spec.acme.externalAccountBinding).toEqual({ keyID: 'kid-from-zerossl', keySecretRef: { name: 'acme-external-account-key', key: 'secret' } });
    expect(all.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name).sort()).toEqual(['external-dns', 'gitpod']);
    expect(all.some((o) => o.kind === 'Secret' && o.metadata.namespace === 'cert-manager')).toBe(false);
    validateManifests(all);
  });
});

describe.each(Object.keys(PRIVATE_ZONES))('a private zone on %s gets its certificate from the internal CA', (cloud) => {
  const zone = () => new GitpodDnsZone(testStack(), 'zone', { cloud: PRIVATE_ZONES[cloud as keyof typeof PRIVATE_ZONES](), domain: DOMAIN });
  const issuer = new GitpodIssuer(K8sTesting.app(), 'issuer', { zone: zone() });

  test('a self-signed issuer, an ECDSA CA certificate in cert-manager\'s namespace, a ca ClusterIssuer, the certificate from it', () => {
    expect(issuer.usesInternalCa).toBe(true);
    expect(objects(issuer).map((o: any) => [o.kind, o.metadata.namespace, o.metadata.name])).toEqual([
      ['Namespace', undefined, 'gitpod'],
      ['ClusterIssuer', undefined, 'gitpod-issuer-selfsigned'],
      ['Certificate', 'cert-manager', 'gitpod-issuer-ca'],
      ['ClusterIssuer', undefined, 'gitpod-issuer'],
      ['Bundle', undefined, 'gitpod-issuer-ca'],
      ['Certificate', 'gitpod', 'https-certificates'],
    ]);
    expect(findObject(objects(issuer), 'ClusterIssuer', 'gitpod-issuer-selfsigned').spec).toEqual({ selfSigned: {} });
    expect(findObject(objects(issuer), 'Certificate', 'gitpod-issuer-ca').spec).toEqual({
      isCA: true,
      commonName: `Gitpod CA ${DOMAIN}`,
      subject: { organizations: ['Gitpod'] },
      secretName: 'gitpod-issuer-ca',
      duration: '87600h',
      privateKey: { algorithm: 'ECDSA', size: 256 },
      issuerRef: { name: 'gitpod-issuer-selfsigned', kind: 'ClusterIssuer', group: 'cert-manager.io' },
    });
    expect(findObject(objects(issuer), 'ClusterIssuer', 'gitpod-issuer').spec).toEqual({ ca: { secretName: 'gitpod-issuer-ca' } });
    expect(findObject(objects(issuer), 'Certificate', 'https-certificates').spec).toMatchObject({
      duration: '2160h', dnsNames: [DOMAIN, `*.${DOMAIN}`, `*.ws.${DOMAIN}`], issuerRef: { name: 'gitpod-issuer', kind: 'ClusterIssuer' },
    });
    validateManifests(objects(issuer));
  });

  test('trust-manager publishes the CA into the Gitpod namespace; the installer config names it as customCACert', () => {
    expect(findObject(objects(issuer), 'Bundle', 'gitpod-issuer-ca').spec).toEqual({
      sources: [{ secret: { name: 'gitpod-issuer-ca', key: 'ca.crt' } }],
      target: { configMap: { key: 'ca.crt' }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'gitpod' } } },
    });
    expect(issuer.installerConfig).toEqual({ domain: DOMAIN, certificate: { kind: 'secret', name: 'https-certificates' }, customCACert: { kind: 'secret', name: 'gitpod-issuer-ca' } });
  });

  test('the ACME options are refused on it, naming each', () => {
    for (const [option, value] of [['email', EMAIL], ['acmeServer', AcmeServer.ZEROSSL], ['stagingIssuer', true], ['accountKeySecretName', 'k']] as const) {
      expect(() => new GitpodIssuer(K8sTesting.app(), 'issuer', { zone: zone(), [option]: value })).toThrow(new RegExp(`^GitpodIssuer\\.${option}: expected no ACME option on a private zone`));
    }
  });
});

describe('the internal CA on the Terraform path: in order, each waited for', () => {
  const app = Testing.app();
  const { stack, zone } = clusterStack(app, PRIVATE_ZONES.gcp());
  const issuer = new GitpodIssuer(new K8sApp(), 'issuer', { zone });
  const cluster = new TerraformStack(app, 'gitpod-issuer');
  new GitpodManifests(cluster, 'issuer', { chart: issuer, after: [stack] });
  const manifests = resources(synthJson(cluster), 'kubernetes_manifest');
  const deps = (id: string) => manifests[id].depends_on.map((d: string) => d.replace('kubernetes_manifest.', '')).sort();

  test('the CA before the issuer on it, the issuer before the certificate, the Bundle last', () => {
    expect(deps('clusterissuer_gitpod-issuer-selfsigned')).toEqual(['namespace_gitpod']);
    expect(deps('certificate_cert-manager_gitpod-issuer-ca')).toEqual(['clusterissuer_gitpod-issuer-selfsigned', 'namespace_gitpod']);
    expect(deps('clusterissuer_gitpod-issuer')).toEqual(['certificate_cert-manager_gitpod-issuer-ca', 'clusterissuer_gitpod-issuer-selfsigned', 'namespace_gitpod']);
    expect(deps('certificate_gitpod_https-certificates')).toEqual(['certificate_cert-manager_gitpod-issuer-ca', 'clusterissuer_gitpod-issuer', 'clusterissuer_gitpod-issuer-selfsigned', 'namespace_gitpod']);
    expect(deps('bundle_gitpod-issuer-ca')).toHaveLength(5);
  });

  test('every issuer and certificate is waited for until Ready', () => {
    for (const id of ['clusterissuer_gitpod-issuer-selfsigned', 'certificate_cert-manager_gitpod-issuer-ca', 'clusterissuer_gitpod-issuer', 'certificate_gitpod_https-certificates']) {
      expect(manifests[id].wait).toEqual({ condition: [{ type: 'Ready', status: 'True' }] });
    }
  });

  test('Argo CD: one sync wave per link; Flux waits for all of them', () => {
    const gitopsZone: IGitpodDnsZone = GitpodDnsZone.fromAttributes({
      cloud: PRIVATE_ZONES.gcp(),
      domain: DOMAIN,
      zoneId: 'gitpod-example-com',
      certManager: { namespaceName: 'cert-manager', serviceAccountName: 'cert-manager', identity: 'cert-manager-abc123@my-project.iam.gserviceaccount.com' },
    });
    const argo = new GitpodGitOps(K8sTesting.app(), 'gitops', { zone: gitopsZone, flavor: GitOpsFlavor.ARGO_CD, issuer: {}, installExternalDns: false });
    const waves = argo.issuer.toJson().map((o: any) => [o.metadata.annotations['argocd.argoproj.io/sync-wave'], o.kind, o.metadata.name]);
    expect(waves).toEqual([
      ['-3', 'Namespace', 'gitpod'],
      ['1', 'ClusterIssuer', 'gitpod-issuer-selfsigned'],
      ['2', 'Certificate', 'gitpod-issuer-ca'],
      ['3', 'ClusterIssuer', 'gitpod-issuer'],
      ['5', 'Bundle', 'gitpod-issuer-ca'],
      ['4', 'Certificate', 'https-certificates'],
    ]);
    validateManifests(argo.issuer.toJson());
  });
});

describe('the internal CA for any zone, and trust-manager with it', () => {
  test('internalCa: {} on a public zone, with its own names and lifetimes', () => {
    const zone = new GitpodDnsZone(testStack(), 'zone', { cloud: publicGcp(), domain: DOMAIN });
    const issuer = new GitpodIssuer(K8sTesting.app(), 'issuer', {
      zone,
      internalCa: { commonName: 'Example Corp Gitpod CA', caDuration: '43800h', certificateDuration: '720h', caSecretName: 'corp-ca' },
      certificateAlerts: { expiresWithinDays: 9 },
    });
    expect(findObject(objects(issuer), 'Certificate', 'gitpod-issuer-ca').spec).toMatchObject({ commonName: 'Example Corp Gitpod CA', duration: '43800h', secretName: 'corp-ca' });
    expect(findObject(objects(issuer), 'Certificate', 'https-certificates').spec.duration).toBe('720h');
    expect(issuer.installerConfig.customCACert).toEqual({ kind: 'secret', name: 'corp-ca' });
    validateManifests(objects(issuer));
  });

  test('the trust-manager release renders with its trust namespace cert-manager\'s, where it may read the CA\'s Secret', () => {
    const stack = testStack();
    new GitpodCertManager(stack, 'cert-manager', { zone: new GitpodDnsZone(stack, 'zone', { cloud: publicGcp(), domain: DOMAIN }) });
    const rendered = renderRelease(releaseNamed(synthJson(stack), 'trust-manager'));
    const role = rendered.find((o: any) => o.kind === 'Role' && o.metadata.namespace === 'cert-manager' && o.rules.some((r: any) => r.resources.includes('secrets')));
    expect(role.rules).toEqual(expect.arrayContaining([expect.objectContaining({ resources: ['secrets'], verbs: expect.arrayContaining(['get', 'list', 'watch']) })]));
    const args: string[] = findObject(rendered, 'Deployment', 'trust-manager').spec.template.spec.containers[0].args;
    expect(args).toContain('--trust-namespace=cert-manager');
    validateManifests(rendered.filter((o: any) => o.kind !== 'CustomResourceDefinition'));
  });
});

describe('bad input is refused at synth, naming the property', () => {
  const zone = () => new GitpodDnsZone(testStack(), 'zone', { cloud: publicGcp(), domain: DOMAIN });
  const binding = { keyId: 'kid', secretName: 'acme-external-account-key' };

  test.each([
    ['EAB without a key id', { email: EMAIL, acmeServer: AcmeServer.ZEROSSL, externalAccountBinding: { secretName: 'k' } }, /^GitpodIssuer\.externalAccountBinding\.keyId: expected the EAB key id the CA gave you, got undefined$/],
    ['EAB without the key\'s Secret', { email: EMAIL, acmeServer: AcmeServer.ZEROSSL, externalAccountBinding: { keyId: 'kid' } }, /^GitpodIssuer\.externalAccountBinding\.secretName: expected the Secret that holds the EAB HMAC key/],
    ['EAB with Let\'s Encrypt', { email: EMAIL, externalAccountBinding: binding }, /^GitpodIssuer\.acmeServer: expected an ACME CA that binds accounts .*Let's Encrypt takes none, got "https:\/\/acme-v02\.api\.letsencrypt\.org\/directory"$/],
    ['an internal CA with an ACME server', { internalCa: {}, acmeServer: AcmeServer.ZEROSSL }, /^GitpodIssuer\.acmeServer: expected no ACME option with internalCa/],
    ['an internal CA with EAB', { internalCa: {}, externalAccountBinding: binding }, /^GitpodIssuer\.externalAccountBinding: expected no ACME option with internalCa/],
    ['an internal CA with the staging issuer', { internalCa: {}, stagingIssuer: true }, /^GitpodIssuer\.stagingIssuer: expected no ACME option with internalCa/],
    ['an internal CA with an ACME e-mail', { internalCa: {}, email: EMAIL }, /^GitpodIssuer\.email: expected no ACME option with internalCa/],
    ['an internal CA behind a namespaced Issuer', { internalCa: {}, issuerKind: GitpodIssuerKind.ISSUER }, /^GitpodIssuer\.issuerKind: expected GitpodIssuerKind\.CLUSTER_ISSUER with the internal CA/],
    ['a CA that lives shorter than the certificate it signs', { internalCa: { caDuration: '720h' } }, /^GitpodIssuer\.internalCa\.caDuration: expected a CA lifetime longer than the certificate it signs \(certificateDuration "2160h"\), got "720h"$/],
    ['a CA exactly as long as its certificate', { internalCa: { caDuration: '2160h' } }, /^GitpodIssuer\.internalCa\.caDuration: expected a CA lifetime longer/],
    ['a lifetime in days', { internalCa: { certificateDuration: '90d' } }, /^GitpodIssuer\.internalCa\.certificateDuration: expected a duration in hours, minutes or seconds/],
    ['an alert past the renewal point of a 30-day certificate', { internalCa: { certificateDuration: '720h' }, certificateAlerts: { expiresWithinDays: 10 } }, /^GitpodIssuer\.certificateAlerts\.expiresWithinDays: expected days, fewer than the 10 days before expiry at which cert-manager renews the 30-day certificate/],
    ['ACME without an e-mail', {}, /^GitpodIssuer\.email: expected an e-mail address/],
  ])('%s', (_, props, error) => {
    expect(() => new GitpodIssuer(K8sTesting.app(), 'issuer', { zone: zone(), ...props as any })).toThrow(error);
  });

  describe('GitpodExternalAccountKey', () => {
    const setup = () => clusterStack();
    test.each([
      ['no key id', (s: any) => ({ certManager: s.certManager, hmacKey: s.hmacKey }), /^GitpodExternalAccountKey\.keyId: expected the EAB key id the CA gave you/],
      ['no key', (s: any) => ({ certManager: s.certManager, keyId: 'kid' }), /^GitpodExternalAccountKey\.hmacKey: expected the EAB HMAC key as a sensitive Terraform value/],
      ['a key given as a plain literal', (s: any) => ({ certManager: s.certManager, keyId: 'kid', hmacKey: 'c2VjcmV0LWhtYWMta2V5LWZyb20temVyb3NzbA' }),
        /^GitpodExternalAccountKey\.hmacKey: expected a sensitive Terraform value such as a TerraformVariable with sensitive: true \(a literal would sit in the synthesized JSON and in git\), got "a literal string"$/],
      ['a key of its own beside a Google key', (s: any) => ({ certManager: s.certManager, googlePublicCaProject: 'my-project', hmacKey: s.hmacKey }), /^GitpodExternalAccountKey\.hmacKey: expected no key of your own with googlePublicCaProject/],
      ['neither cert-manager nor identities', (s: any) => ({ keyId: 'kid', hmacKey: s.hmacKey }), /^GitpodExternalAccountKey\.certManager: expected either certManager \(Terraform path\) or identities \(GitOps\)/],
    ])('%s', (_, props, error) => {
      const s = setup();
      expect(() => new GitpodExternalAccountKey(s.stack, 'eab', props(s))).toThrow(error);
      try {
        new GitpodExternalAccountKey(s.stack, 'eab-again', props(s));
      } catch (e: any) {
        expect(e.message).not.toContain('c2VjcmV0');
      }
    });
  });
});
