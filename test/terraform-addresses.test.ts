// Terraform addresses are public API: a changed address is a destroy and a create of what it names.
// The contract (test/terraform-addresses.json) lists every address per DNS provider and identity
// mode; where the library changes one on purpose, it emits a `moved` block from the old address.
import { readFileSync } from 'fs';
import { join } from 'path';
import { Testing as K8sTesting } from 'cdk8s';
import { Testing, TerraformStack } from 'cdktf';
import { GitpodDnsZone, GitpodIssuer, GitpodManifests, GoogleCloudDns } from '../src';
import { addresses, INSTALLATIONS } from './support/installations';
import { synthJson } from './support/synth';

const CONTRACT: { installations: { [name: string]: { [stack: string]: string[] } } } = JSON.parse(readFileSync(join(__dirname, 'terraform-addresses.json'), 'utf8'));

describe('the Terraform address contract', () => {
  test('covers every installation the tests build, and no other', () => {
    expect(Object.keys(CONTRACT.installations).sort()).toEqual(Object.keys(INSTALLATIONS).sort());
  });

  test.each(Object.keys(INSTALLATIONS))('%s: synthesizes exactly the contract\'s addresses', (name) => {
    const stacks = INSTALLATIONS[name]();
    expect(Object.fromEntries(stacks.map((stack) => [stack.node.id, addresses(stack)]))).toEqual(CONTRACT.installations[name]);
  });

  test('holds every stateful kind: zones, identities and grants, tokens, namespaces, Secrets, issuers, the certificate', () => {
    const types = new Set(Object.values(CONTRACT.installations).flatMap((stacks) => Object.values(stacks).flat())
      .filter((a) => !a.startsWith('moved ')).map((a) => a.split('.')[0]));
    expect([...types].sort()).toEqual(expect.arrayContaining([
      'google_dns_managed_zone', 'aws_route53_zone', 'azurerm_dns_zone', 'azurerm_private_dns_zone', 'cloudflare_zone',
      'google_service_account', 'google_dns_managed_zone_iam_member', 'google_service_account_iam_member', 'google_service_account_key',
      'aws_iam_role', 'aws_iam_role_policy', 'aws_eks_pod_identity_association',
      'azurerm_user_assigned_identity', 'azurerm_federated_identity_credential', 'azurerm_role_assignment', 'azurerm_role_definition',
      'cloudflare_account_token', 'kubernetes_namespace_v1', 'kubernetes_secret_v1', 'kubernetes_manifest',
    ]));
  });
});

describe('an address changed on purpose is moved, so the upgrade plans no replacement', () => {
  // The issuer stack's addresses up to this release, as its example snapshot recorded them: derived
  // from the construct path (`<GitpodManifests id>_<object>_<hash>`), so renaming the construct
  // re-created the namespace.
  const PREVIOUS = {
    'kubernetes_manifest.issuer_namespace-gitpod_C51F34BD': 'kubernetes_manifest.namespace_gitpod',
    'kubernetes_manifest.issuer_clusterissuer-gitpod-issuer_C7C9D038': 'kubernetes_manifest.clusterissuer_gitpod-issuer',
    'kubernetes_manifest.issuer_certificate-gitpod-https-certificates_F386E517': 'kubernetes_manifest.certificate_gitpod_https-certificates',
  };

  function issuerStack(stackName: string) {
    const app = Testing.app();
    const zone = new GitpodDnsZone(new TerraformStack(app, 'gitpod-gcp'), 'zone', { cloud: new GoogleCloudDns({ project: 'my-project' }), domain: 'gitpod.example.com' });
    const stack = new TerraformStack(app, stackName);
    new GitpodManifests(stack, 'issuer', { chart: new GitpodIssuer(K8sTesting.app(), `${stackName}`, { zone, email: 'a@example.com' }) });
    return synthJson(stack);
  }

  test.each(['gitpod-gcp-issuer', 'gitpod-aws-issuer', 'gitpod-azure-issuer'])('%s: each earlier address has a moved block to its new one', (stackName) => {
    const json = issuerStack(stackName);
    expect(json.moved).toEqual(expect.arrayContaining(Object.entries(PREVIOUS).map(([from, to]) => ({ from, to }))));
    expect(json.moved).toHaveLength(Object.keys(PREVIOUS).length);
    // Every move lands on a resource of the same type that the stack declares, and nothing is left at an old address.
    for (const { from, to } of json.moved) {
      const [type, id] = to.split('.');
      expect(from.split('.')[0]).toBe(type);
      expect(json.resource[type][id]).toBeDefined();
      expect(json.resource[type][from.split('.')[1]]).toBeUndefined();
    }
  });
});
