import type { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { Construct } from 'constructs';
import * as kubernetes from './_provider-kubernetes';
import { GitpodCertManager } from './gitpod-cert-manager';
import { GitpodDnsIdentities } from './gitpod-dns-identities';
import { GitpodExternalAccountBinding } from '../cdk8s/gitpod-acme';
import * as google from '../dns/gcp/_provider-google';
import { DnsWorkload } from '../dns/gitpod-cloud';
import { cdktf } from '../internal/lazy';
import { invalid, isUnresolved, requireString, validateDnsLabel, validatePattern } from '../internal/validate';

/** Properties of `GitpodExternalAccountKey`. */
export interface GitpodExternalAccountKeyProps {
  /**
   * The EAB key id the CA gave you (ZeroSSL: `eab_kid`). Not with `googlePublicCaProject`, which
   * creates the key.
   * @default - required unless googlePublicCaProject is set
   */
  readonly keyId?: string;

  /**
   * The EAB HMAC key as the CA hands it out (unpadded base64url), as a sensitive Terraform value,
   * e.g. `new TerraformVariable(stack, 'eab-hmac-key', { type: 'string', sensitive: true }).stringValue`.
   * Terraform writes it into the Secret and nowhere else; a literal would sit in the synthesized
   * JSON and in git, so it is refused.
   * @default - required unless googlePublicCaProject is set
   */
  readonly hmacKey?: string;

  /**
   * Create the key with Google Cloud's Public CA API in this project
   * (`google_public_ca_external_account_key`), for Google Trust Services: no manual step. The
   * project needs the API `publicca.googleapis.com`, and Terraform's identity the role
   * `roles/publicca.externalAccountKeyCreator`. The key is for Google's production directory, and
   * must be used within 7 days (Google's Public CA tutorial).
   * @default - the key you pass in keyId and hmacKey
   */
  readonly googlePublicCaProject?: string;

  /**
   * The cert-manager installation (Terraform path): the Secret goes into its namespace, after its
   * release.
   * @default - one of certManager or identities is required
   */
  readonly certManager?: GitpodCertManager;

  /**
   * The identities of a GitOps installation: the Secret goes into cert-manager's namespace (which
   * is then Terraform's), and the binding into the hand-over, where `GitpodGitOps` takes it.
   * @default - one of certManager or identities is required
   */
  readonly identities?: GitpodDnsIdentities;

  /**
   * Name of the Secret.
   * @default 'acme-external-account-key'
   */
  readonly secretName?: string;
}

/**
 * The HMAC key of an ACME External Account Binding in a Secret in cert-manager's namespace, created
 * by Terraform from a sensitive value (or, on Google Cloud, from a key Terraform creates itself):
 * never in a manifest, a values document or git. Pass `binding` to `GitpodIssuer`
 * (`externalAccountBinding`), with the CA's `acmeServer`.
 *
 * @example
 * const zone = new GitpodDnsZone(stack, 'zone', { cloud: new GoogleCloudDns({ project: 'my-project' }), domain: 'gitpod.example.com' });
 * const certManager = new GitpodCertManager(stack, 'cert-manager', { zone });
 * const hmacKey = new TerraformVariable(stack, 'zerossl-hmac-key', { type: 'string', sensitive: true }).stringValue;
 * const eab = new GitpodExternalAccountKey(stack, 'zerossl', { certManager, keyId: 'kid-from-zerossl', hmacKey });
 * new GitpodIssuer(new App(), 'issuer', { zone, email: 'platform-team@example.com', acmeServer: AcmeServer.ZEROSSL, externalAccountBinding: eab.binding });
 */
export class GitpodExternalAccountKey extends Construct {
  /** What the issuer names: the key id and the Secret. */
  public readonly binding: GitpodExternalAccountBinding;
  /** The Secret that holds the HMAC key. */
  public readonly secret: SecretV1;

  constructor(scope: Construct, id: string, props: GitpodExternalAccountKeyProps) {
    super(scope, id);
    const property = 'GitpodExternalAccountKey';
    const { certManager, identities } = props ?? {};
    if ((certManager === undefined) === (identities === undefined)) {
      invalid(`${property}.certManager`, 'either certManager (Terraform path) or identities (GitOps), where cert-manager runs', certManager ?? identities);
    }
    if (certManager !== undefined && !(certManager instanceof GitpodCertManager)) invalid(`${property}.certManager`, 'a GitpodCertManager', certManager);
    if (identities !== undefined && !(identities instanceof GitpodDnsIdentities)) invalid(`${property}.identities`, 'a GitpodDnsIdentities', identities);
    const secretName = validateDnsLabel(`${property}.secretName`, props.secretName ?? 'acme-external-account-key');

    let keyId: string;
    let hmacKey: string;
    if (props.googlePublicCaProject !== undefined) {
      for (const given of ['keyId', 'hmacKey'] as const) {
        if (props[given] !== undefined) invalid(`${property}.${given}`, 'no key of your own with googlePublicCaProject, which creates the key', given === 'hmacKey' ? 'a key' : props[given]);
      }
      const project = validatePattern(`${property}.googlePublicCaProject`, props.googlePublicCaProject, /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, 'a Google Cloud project id');
      const key = new (google.PublicCaExternalAccountKey())(this, 'key', { project, location: 'global' });
      const { Fn } = cdktf();
      // The key id is an identifier cert-manager writes into the issuer's spec, not a secret.
      keyId = Fn.nonsensitive(key.keyId);
      // With @cdktf/provider-google 16 (provider 6.50), `b64_mac_key` is the API's b64MacKey as
      // it comes (its later docs: "Doubly Base64-URL-encoded"): decoded once it is the key as
      // gcloud prints it, which cert-manager takes unpadded (pkg/issuer/acme/setup.go@v1.21.1,
      // base64.RawURLEncoding). Either alphabet is accepted, padding is dropped.
      hmacKey = Fn.replace(Fn.base64decode(Fn.replace(Fn.replace(key.b64MacKey, '-', '+'), '_', '/')), '=', '');
    } else {
      keyId = requireString(`${property}.keyId`, props.keyId, 'the EAB key id the CA gave you (or googlePublicCaProject, to create a key on Google Cloud)');
      hmacKey = requireString(`${property}.hmacKey`, props.hmacKey, 'the EAB HMAC key as a sensitive Terraform value (or googlePublicCaProject, to create a key on Google Cloud)');
      if (!isUnresolved(hmacKey)) {
        // The value itself is a secret: the error never shows it.
        invalid(`${property}.hmacKey`, 'a sensitive Terraform value such as a TerraformVariable with sensitive: true (a literal would sit in the synthesized JSON and in git)', 'a literal string');
      }
    }

    // Terraform path: Helm (or Terraform, for a credential Secret) makes the namespace with the
    // release. GitOps: Terraform makes it unless the identities did, and owns it from then on.
    const namespace = certManager
      ? { name: certManager.namespaceName, dependsOn: [certManager.release] }
      : {
        name: (identities!._namespaceOf(DnsWorkload.CERT_MANAGER) ?? new (kubernetes.NamespaceV1())(this, 'namespace', {
          metadata: { name: identities!.workloads[DnsWorkload.CERT_MANAGER].namespaceName },
        })).metadata.name,
      };
    const secretKey = 'secret';
    this.secret = new (kubernetes.SecretV1())(this, 'secret', {
      metadata: { name: secretName, namespace: namespace.name },
      data: { [secretKey]: hmacKey },
      type: 'Opaque',
      dependsOn: namespace.dependsOn,
    });
    this.binding = { keyId, secretName, secretKey };
    identities?._handOver(this.binding);
  }
}
