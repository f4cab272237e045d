// The internal CA: cert-manager's own chain (cert-manager website, configuration/selfsigned.md,
// "Bootstrapping CA Issuers"): a selfSigned ClusterIssuer signs a long-lived CA Certificate kept
// in cert-manager's namespace (the cluster resource namespace, where a `ca` ClusterIssuer reads its
// Secret: configuration/ca.md), a `ca` ClusterIssuer signs Gitpod's certificate with it, and
// trust-manager publishes the CA certificate into the Gitpod namespace.
import { invalid } from '../internal/validate';

/** The CA's objects, by the names the issuer chose. */
export interface InternalCaNames {
  readonly selfSignedIssuer: string;
  readonly caCertificate: string;
  readonly caSecret: string;
  readonly caIssuer: string;
  readonly bundle: string;
  readonly certManagerNamespace: string;
  readonly gitpodNamespace: string;
}

/** The selfSigned ClusterIssuer that signs only the CA certificate. */
export function selfSignedIssuer(names: InternalCaNames) {
  return { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: names.selfSignedIssuer }, spec: { selfSigned: {} } };
}

/** The CA certificate: ECDSA P-256, `isCA`, in cert-manager's namespace (its Secret holds the CA key). */
export function caCertificate(names: InternalCaNames, commonName: string, duration: string) {
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: { name: names.caCertificate, namespace: names.certManagerNamespace },
    spec: {
      isCA: true,
      commonName,
      // A subject: a self-signed certificate without one has an empty issuer name (selfsigned.md).
      subject: { organizations: ['Gitpod'] },
      secretName: names.caSecret,
      duration,
      privateKey: { algorithm: 'ECDSA', size: 256 },
      issuerRef: { name: names.selfSignedIssuer, kind: 'ClusterIssuer', group: 'cert-manager.io' },
    },
  };
}

/** The `ca` ClusterIssuer on the CA's Secret. */
export function caIssuer(names: InternalCaNames) {
  return { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: names.caIssuer }, spec: { ca: { secretName: names.caSecret } } };
}

/**
 * A trust-manager Bundle (trust.cert-manager.io/v1alpha1, the one kind trust-manager v0.24.0's
 * chart serves) that copies the CA certificate (`ca.crt`, which cert-manager fills with the CA
 * itself for a self-signed certificate) into a ConfigMap of the same name in the Gitpod namespace.
 * trust-manager reads sources from its trust namespace, cert-manager's.
 */
export function caBundle(names: InternalCaNames) {
  return {
    apiVersion: 'trust.cert-manager.io/v1alpha1',
    kind: 'Bundle',
    metadata: { name: names.bundle },
    spec: {
      sources: [{ secret: { name: names.caSecret, key: 'ca.crt' } }],
      target: {
        configMap: { key: 'ca.crt' },
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': names.gitpodNamespace } },
      },
    },
  };
}

/**
 * A cert-manager duration (Go's `time.Duration`: "2160h", "8760h30m") in hours. cert-manager takes
 * no days; a certificate lives at least an hour (types_certificate.go@v1.21.1, `duration`).
 */
export function durationHours(property: string, value: string): number {
  const expected = 'a duration in hours, minutes or seconds such as "2160h" (90 days) or "87600h" (10 years), at least "1h"';
  if (typeof value !== 'string' || !/^([0-9]+(\.[0-9]+)?(h|m|s))+$/.test(value)) invalid(property, expected, value);
  const factor: { [unit: string]: number } = { h: 1, m: 1 / 60, s: 1 / 3600 };
  const hours = [...value.matchAll(/([0-9.]+)(h|m|s)/g)].reduce((sum, [, n, unit]) => sum + Number(n) * factor[unit], 0);
  if (hours < 1) invalid(property, expected, value);
  return hours;
}
