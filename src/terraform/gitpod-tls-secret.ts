import { readFileSync, statSync } from 'fs';
import { isAbsolute, resolve } from 'path';
import type { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { Construct } from 'constructs';
import { preventDestroy as protect } from './_lifecycle';
import * as kubernetes from './_provider-kubernetes';
import { cdktf } from '../internal/lazy';
import { invalid, requireLiteral, validateBoolean, validateDnsLabel } from '../internal/validate';

/** Properties of `GitpodTlsSecret`. */
export interface GitpodTlsSecretProps {
  /**
   * PEM file with the certificate (and its chain) for `domain`, `*.domain` and `*.ws.domain`.
   * A relative path is resolved against the directory `cdktf synth` runs in.
   * @example 'certs/fullchain.pem'
   */
  readonly certificateFile: string;

  /**
   * PEM file with the certificate's private key.
   * @example 'certs/privkey.pem'
   */
  readonly keyFile: string;

  /**
   * Namespace Gitpod is installed into.
   * @default 'gitpod'
   */
  readonly gitpodNamespace?: string;

  /**
   * Create the namespace.
   * @default true
   */
  readonly createNamespace?: boolean;

  /**
   * Name of the Secret (the installer's `certificate.name`).
   * @default 'https-certificates'
   */
  readonly secretName?: string;

  /**
   * Refuse to destroy or replace the Secret and the namespace this construct creates (`lifecycle.prevent_destroy`).
   *
   * Gitpod's proxy serves this certificate, and the Gitpod installer renders Gitpod into the
   * namespace. A new certificate in the same files is an
   * in-place update, not a replacement. See the README, "Changing and tearing down".
   * @default true
   */
  readonly preventDestroy?: boolean;
}

/**
 * Bring your own certificate: the `kubernetes.io/tls` Secret Gitpod reads, created by Terraform
 * from files you name, instead of an ACME issuer. Terraform reads the files at apply time, so the
 * key never lands in the synthesized JSON, a manifest or an output (it does land in the Terraform
 * state, as every Secret Terraform manages does). At synth the files are only checked: they
 * must exist and hold PEM blocks of the right type.
 */
export class GitpodTlsSecret extends Construct {
  /** The Secret. */
  public readonly secret: SecretV1;
  /** The installer config fragment for this certificate. */
  public readonly installerConfig: { [key: string]: any };

  constructor(scope: Construct, id: string, props: GitpodTlsSecretProps) {
    super(scope, id);
    const certificateFile = pemFile('GitpodTlsSecret.certificateFile', props.certificateFile, /-----BEGIN CERTIFICATE-----/, 'a PEM certificate ("-----BEGIN CERTIFICATE-----")');
    const keyFile = pemFile('GitpodTlsSecret.keyFile', props.keyFile, /-----BEGIN ([A-Z]+ )?PRIVATE KEY-----/, 'a PEM private key ("-----BEGIN PRIVATE KEY-----")');
    const namespaceName = validateDnsLabel('GitpodTlsSecret.gitpodNamespace', props.gitpodNamespace ?? 'gitpod');
    const name = validateDnsLabel('GitpodTlsSecret.secretName', props.secretName ?? 'https-certificates');
    const createNamespace = validateBoolean('GitpodTlsSecret.createNamespace', props.createNamespace, true);

    const NamespaceV1 = kubernetes.NamespaceV1();
    const Secret = kubernetes.SecretV1();
    const { Fn } = cdktf();
    const preventDestroy = validateBoolean('GitpodTlsSecret.preventDestroy', props.preventDestroy, true);
    const namespace = createNamespace ? new NamespaceV1(this, 'namespace', { metadata: { name: namespaceName } }) : undefined;
    this.secret = new Secret(this, 'secret', {
      metadata: { name, namespace: namespace?.metadata.name ?? namespaceName, labels: { app: 'gitpod' } },
      type: 'kubernetes.io/tls',
      // `file()` is evaluated by Terraform at plan/apply: only the paths are synthesized.
      data: { 'tls.crt': Fn.file(certificateFile), 'tls.key': Fn.file(keyFile) },
    });
    if (preventDestroy) [namespace, this.secret].forEach((resource) => resource && protect(resource));
    this.installerConfig = { certificate: { kind: 'secret', name } };
  }
}

function pemFile(property: string, file: string, block: RegExp, expected: string): string {
  if (typeof file !== 'string' || file === '') invalid(property, 'the path of a PEM file', file);
  requireLiteral(property, file, 'Pass the path as a string.');
  const path = isAbsolute(file) ? file : resolve(file);
  let text: string;
  try {
    if (!statSync(path).isFile()) invalid(property, `a file holding ${expected}`, `${file} (a directory: ${path})`);
    text = readFileSync(path, 'utf8');
  } catch (e: any) {
    if (e?.code === 'ENOENT') invalid(property, `an existing file holding ${expected}`, `${file} (not found at ${path})`);
    if (e?.code) invalid(property, `a readable file holding ${expected}`, `${file} (${e.code} at ${path})`);
    throw e;
  }
  if (!block.test(text)) invalid(property, `a file holding ${expected}`, file);
  return path;
}
