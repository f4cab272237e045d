// Synth-time input checks. Every error names the construct property and the expected form, and is
// thrown from a constructor, so a bad input stops the app before anything is written.
//
// Nothing here loads cdktf: the cluster side (cdk8s apps) validates with the same helpers.

import { isMap } from './objects';

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Throws an error that names `property` (e.g. `GitpodDnsZone.domain`) and the expected form. */
export function invalid(property: string, expected: string, got: unknown): never {
  throw new Error(`${property}: expected ${expected}, got ${show(got)}`);
}

/** A value as an error message shows it: strings quoted, objects as short JSON. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined || typeof value === 'function') return String(value);
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 59)}…` : json;
}

/**
 * True for a value known only after `terraform apply`: a cdktf token (cdktf encodes string tokens
 * as `${TfToken[...]}` and list tokens as `#{TfToken[...]}`) or a raw Terraform interpolation
 * (`${...}`). Written into a manifest, either would stay `${...}`.
 */
export function isUnresolved(value: unknown): boolean {
  if (typeof value === 'string') return /\$\{|#\{TfToken\[|&\{TfToken\[/.test(value);
  if (Array.isArray(value)) return value.some(isUnresolved);
  return typeof value === 'number' && isNumberToken(value);
}

// cdktf encodes number tokens as doubles in a reserved range (tokens/private/encoding.ts).
function isNumberToken(value: number): boolean {
  return value <= -1.8881545897087e289 && value > -1.8881545897088e289;
}

/**
 * A value the cluster side needs must be known at synth time: a Terraform token would reach a
 * manifest as `${...}`. `where` tells the user where to get the literal value.
 */
export function requireLiteral(property: string, value: unknown, where: string): void {
  if (value !== undefined && isUnresolved(value)) {
    throw new Error(
      `${property}: expected a literal value known at synth time, got a Terraform token (known only after apply). ${where}`,
    );
  }
}

export function requireString(property: string, value: string | undefined, expected: string): string {
  if (typeof value !== 'string' || value.trim() === '') invalid(property, expected, value);
  return value;
}

/**
 * A value of a TypeScript enum, checked at runtime: from JavaScript any string can arrive, and a
 * misspelt mode must fail rather than fall through to another (possibly wider) branch.
 */
export function validateEnum<T extends string>(
  property: string, value: T | undefined, enumObject: { [key: string]: T }, enumName: string, fallback: T,
): T {
  if (value === undefined) return fallback;
  if (!Object.values(enumObject).includes(value)) {
    invalid(property, `one of ${Object.keys(enumObject).map((k) => `${enumName}.${k}`).join(', ')}`, value);
  }
  return value;
}

export function validateBoolean(property: string, value: boolean | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') invalid(property, 'true or false', value);
  return value;
}

/** A whole number in [min, max]; `expected` says what it is (e.g. "a port number"). */
export function validateInteger(property: string, value: number | undefined, min: number, max: number, expected: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    invalid(property, `${expected}: a whole number from ${min} to ${max}`, value);
  }
  return value;
}

/** A lower-case DNS name of at least two labels, no trailing dot, no wildcard, not an IP address. */
export function validateDnsName(property: string, value: string | undefined, reserve: string = ''): string {
  const expected = 'a lower-case DNS name such as "gitpod.example.com" (no scheme, wildcard or trailing dot)';
  requireString(property, value, expected);
  const name = value!;
  if (isUnresolved(name)) invalid(property, `${expected}, known at synth time`, 'a Terraform token');
  if (name.startsWith('*.')) invalid(property, `${expected}; the wildcard names are derived from it`, name);
  if (name !== name.toLowerCase()) invalid(property, `${expected}; use lower case`, name);
  if (name.endsWith('.')) invalid(property, `${expected}; drop the trailing dot`, name);
  const labels = name.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) invalid(property, expected, name);
  // A top-level domain is never all digits (RFC 3696 §2): "10.0.0.1" is an address, not a name.
  if (/^[0-9]+$/.test(labels[labels.length - 1])) invalid(property, `${expected}, not an IP address or a name ending in a numeric label`, name);
  // Derived names (e.g. `*.ws.<name>`) must still fit the 253-character limit of a DNS name.
  if (name.length + reserve.length > 253) {
    invalid(property, `${expected} of at most ${253 - reserve.length} characters, so that "${reserve}<name>" fits a DNS name`, name);
  }
  return name;
}

/**
 * A Go duration such as "10m" or "1h30m": what Terraform's `timeouts` and Flux's intervals and
 * timeouts take.
 */
export function validateDuration(property: string, value: string | undefined, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !/^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/.test(value)) invalid(property, 'a duration such as "10m" or "1h30m"', value);
  return value;
}

/**
 * A Terraform provider object of one kind (`aws`, `google`, ...), e.g. not a GoogleProvider where
 * an AwsProvider belongs: resources given another cloud's provider fail only at plan.
 */
export function validateProvider<T>(property: string, value: T, providerType: string, expected: string): T {
  const type = (value as any)?.terraformResourceType;
  if (type !== providerType) invalid(property, expected, typeof type === 'string' ? `a ${type} provider` : value);
  return value;
}

export function validateDnsLabel(property: string, value: string | undefined): string {
  if (typeof value !== 'string' || !LABEL.test(value)) {
    invalid(property, 'a DNS label: 1-63 lower-case letters, digits or "-", starting and ending with a letter or digit', value);
  }
  return value;
}

export function validateEmail(property: string, value: string | undefined): string {
  const expected = 'an e-mail address such as "admin@example.com"';
  requireString(property, value, expected);
  requireLiteral(property, value, 'Pass the address as a string.');
  if (!/^[^@\s]+@([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i.test(value!)) invalid(property, expected, value);
  return value!;
}

/**
 * Like `validatePattern`, for values that end up in a manifest or a file: a Terraform token is
 * refused, with `where` telling the user how to pass the literal.
 */
export function validateLiteral(property: string, value: string | undefined, pattern: RegExp, expected: string, where?: string): string {
  requireString(property, value, expected);
  requireLiteral(property, value, where ?? 'Pass it as a string.');
  return validatePattern(property, value, pattern, expected);
}

export function validatePattern(property: string, value: string | undefined, pattern: RegExp, expected: string): string {
  requireString(property, value, expected);
  // A Terraform token is accepted only where the caller allows it (cloud-side values).
  if (!isUnresolved(value) && !pattern.test(value!)) invalid(property, expected, value);
  return value!;
}

/** A non-empty list, each entry checked by `each` (with its index in the property: `prop[1]`). */
export function validateList<T>(property: string, value: T[] | undefined, expected: string, each: (property: string, item: T) => unknown): T[] {
  if (!Array.isArray(value) || value.length === 0) invalid(property, expected, value);
  value.forEach((item, i) => each(`${property}[${i}]`, item));
  return value;
}

/** `host:port` with a port from 1 to 65535: an IPv4 address, `[IPv6]` or a DNS name as host. */
export function validateHostPort(property: string, value: string): string {
  const expected = '"host:port" such as "8.8.8.8:53" (an IPv4 address, [IPv6] or a DNS name, and a port from 1 to 65535)';
  const m = typeof value === 'string' ? /^(.+):([0-9]{1,5})$/.exec(value) : null;
  if (!m) invalid(property, expected, value);
  const [, host, port] = m;
  const ipv4 = /^((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])$/.test(host);
  const ipv6 = /^\[[0-9a-fA-F:.]+\]$/.test(host) && host.includes(':');
  const name = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/.test(host) && host.length <= 253;
  if (!(ipv4 || ipv6 || name) || Number(port) < 1 || Number(port) > 65535) invalid(property, expected, value);
  return value;
}

/** The node ports a pod in the host network must not take: the kubelet's and kube-proxy's. */
export const NODE_HOST_PORTS: { readonly [port: number]: string } = {
  10248: 'the kubelet health port',
  10249: 'the kube-proxy metrics port',
  10250: 'the kubelet API port',
  10255: 'the kubelet read-only port',
  10256: 'the kube-proxy health port',
};

/** A Kubernetes label key and value (`prefix/name: value`). */
export function validateLabels(property: string, labels: { [key: string]: string }): { [key: string]: string } {
  if (!isMap(labels)) invalid(property, 'a map of Kubernetes labels', labels);
  for (const [key, value] of Object.entries(labels)) {
    const [prefix, name] = key.includes('/') ? key.split(/\/(.*)/s) : [undefined, key];
    const prefixOk = prefix === undefined || (prefix.length <= 253 && /^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(prefix));
    const nameOk = /^[A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?$/.test(name);
    const valueOk = typeof value === 'string' && /^([A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?)?$/.test(value);
    if (!prefixOk || !nameOk || !valueOk) {
      invalid(property, 'Kubernetes labels (name: up to 63 letters, digits, "-", "_", "." with an optional DNS prefix/; value: the same or empty)', `${key}=${value}`);
    }
  }
  return labels;
}
