// Synth-time input checks. Every error names the construct property and the expected form, and is
// thrown from a constructor, so a bad input stops the app before anything is written.
import { Token } from 'cdktf';

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Throws an error that names `property` (e.g. `GitpodDnsZone.domain`) and the expected form. */
export function invalid(property: string, expected: string, got: unknown): never {
  const shown = typeof got === 'string' ? JSON.stringify(got) : String(got);
  throw new Error(`${property}: expected ${expected}, got ${shown}`);
}

/**
 * A value the cluster side needs must be known at synth time: a Terraform token would reach a
 * manifest as `${...}`. `where` tells the user where to get the literal value.
 */
export function requireLiteral(property: string, value: string | undefined, where: string): void {
  if (value !== undefined && Token.isUnresolved(value)) {
    throw new Error(
      `${property}: expected a literal value known at synth time, got a Terraform token (known only after apply). ${where}`,
    );
  }
}

export function requireString(property: string, value: string | undefined, expected: string): string {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    invalid(property, expected, value);
  }
  return value;
}

/** A lower-case DNS name of at least two labels, no trailing dot, no wildcard. */
export function validateDnsName(property: string, value: string | undefined): string {
  const expected = 'a lower-case DNS name such as "gitpod.example.com" (no scheme, wildcard or trailing dot)';
  requireString(property, value, expected);
  const name = value!;
  if (Token.isUnresolved(name)) {
    invalid(property, `${expected}, known at synth time`, 'a Terraform token');
  }
  if (name.startsWith('*.')) {
    invalid(property, `${expected}; the wildcard names are derived from it`, name);
  }
  if (name !== name.toLowerCase()) {
    invalid(property, `${expected}; use lower case`, name);
  }
  if (name.endsWith('.')) {
    invalid(property, `${expected}; drop the trailing dot`, name);
  }
  const labels = name.split('.');
  // `*.ws.<name>` must still fit the 253-character limit of a DNS name.
  if (labels.length < 2 || name.length > 253 - '*.ws.'.length || !labels.every((l) => LABEL.test(l))) {
    invalid(property, expected, name);
  }
  return name;
}

export function validateDnsLabel(property: string, value: string): string {
  if (!LABEL.test(value)) {
    invalid(property, 'a DNS label: 1-63 lower-case letters, digits or "-", starting and ending with a letter or digit', value);
  }
  return value;
}

export function validateEmail(property: string, value: string | undefined): string {
  const expected = 'an e-mail address such as "admin@example.com"';
  requireString(property, value, expected);
  requireLiteral(property, value, 'Pass the address as a string.');
  if (!/^[^@\s]+@([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i.test(value!)) {
    invalid(property, expected, value);
  }
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
  if (!Token.isUnresolved(value) && !pattern.test(value!)) {
    invalid(property, expected, value);
  }
  return value!;
}
