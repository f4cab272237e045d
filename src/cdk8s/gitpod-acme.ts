// ACME: the directories the library names, and the External Account Binding an issuer refers to.
import { invalid } from '../internal/validate';

/** An ACME directory to request certificates from. */
export class AcmeServer {
  /** Let's Encrypt production: trusted certificates, strict rate limits. */
  public static readonly LETS_ENCRYPT = new AcmeServer('https://acme-v02.api.letsencrypt.org/directory');
  /** Let's Encrypt staging: untrusted certificates, generous limits; try a new setup here first. */
  public static readonly LETS_ENCRYPT_STAGING = new AcmeServer('https://acme-staging-v02.api.letsencrypt.org/directory');

  /**
   * ZeroSSL (its ACME directory, as cert-manager's ZeroSSL tutorial gives it:
   * cert-manager/website content/docs/tutorials/zerossl/zerossl.md). ZeroSSL binds each ACME
   * account to your ZeroSSL account: set `externalAccountBinding` (its "EAB Credentials for ACME
   * Clients"). ZeroSSL documents no staging directory.
   */
  public static readonly ZEROSSL = new AcmeServer('https://acme.zerossl.com/v2/DV90');

  /**
   * Any other ACME directory, by its https URL: Google Trust Services (the directory in Google
   * Cloud's Public CA tutorial, with `externalAccountBinding`), a commercial ACME CA.
   */
  public static custom(url: string): AcmeServer {
    if (!/^https:\/\/[^\s/]+(\/\S*)?$/.test(url)) invalid('AcmeServer.custom(url)', 'an https URL of an ACME directory', url);
    return new AcmeServer(url);
  }

  private constructor(
    /** The directory URL. */
    public readonly url: string,
  ) {}
}

/**
 * ACME External Account Binding, as the issuer names it: the key id, and the Secret (in
 * cert-manager's namespace) that holds the HMAC key.
 */
export interface GitpodExternalAccountBinding {
  /**
   * The EAB key id the CA gave you (ZeroSSL's `eab_kid`, Google's `keyId`). A literal for manifest
   * files and GitOps; a Terraform token (a key Terraform creates) only where `GitpodManifests`
   * applies the issuer.
   */
  readonly keyId: string;
  /**
   * The Secret in cert-manager's namespace that holds the HMAC key, unpadded base64url as the CA
   * hands it out (cert-manager's `keySecretRef`). `GitpodExternalAccountKey` creates it.
   */
  readonly secretName: string;
  /**
   * The key in the Secret.
   * @default 'secret'
   */
  readonly secretKey?: string;
}
