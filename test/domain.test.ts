import { GitpodDomain } from '../src';

/** A valid domain of exactly `length` characters: labels of 63 and a shorter one, under example.com. */
function domainOfLength(length: number): string {
  const labels: string[] = [];
  let left = length - '.example.com'.length;
  while (left > 0) {
    const label = Math.min(63, left - (left > 64 ? 1 : 0));
    labels.push('a'.repeat(Math.min(label, left)));
    left -= labels[labels.length - 1].length + 1;
  }
  const name = `${labels.join('.')}.example.com`;
  if (name.length !== length) throw new Error(`built ${name.length}, wanted ${length}`);
  return name;
}

describe('GitpodDomain', () => {
  test('yields the three certificate names Gitpod needs', () => {
    expect(GitpodDomain.of('gitpod.example.com').certificateNames()).toEqual([
      'gitpod.example.com',
      '*.gitpod.example.com',
      '*.ws.gitpod.example.com',
    ]);
  });

  test('a shortname adds the workspace wildcard Gitpod serves for it', () => {
    expect(GitpodDomain.of('gitpod.example.com').certificateNames('eu1')).toEqual([
      'gitpod.example.com',
      '*.gitpod.example.com',
      '*.ws.gitpod.example.com',
      '*.ws-eu1.gitpod.example.com',
    ]);
  });

  test('the zone form has the trailing dot', () => {
    expect(GitpodDomain.of('gitpod.example.com').fqdn).toBe('gitpod.example.com.');
  });

  test('knows whether a zone can hold its records', () => {
    const domain = GitpodDomain.of('gitpod.svcs.example.com');
    expect(domain.isWithin('svcs.example.com')).toBe(true);
    expect(domain.isWithin('gitpod.svcs.example.com')).toBe(true);
    expect(domain.isWithin('vcs.example.com')).toBe(false);
  });

  test.each([
    ['not a hostname', 'gitpod example.com'],
    ['a single label', 'localhost'],
    ['a scheme', 'https://gitpod.example.com'],
    ['an empty label', 'gitpod..example.com'],
    ['a label starting with a hyphen', '-gitpod.example.com'],
    ['a label over 63 characters', `${'a'.repeat(64)}.example.com`],
    ['a name too long for *.ws.<domain>', `${'a.'.repeat(124)}com`.replace(/^a\./, 'aa.')],
  ])('rejects %s with the property named', (_, name) => {
    expect(() => GitpodDomain.of(name, 'GitpodDnsZone.domain')).toThrow(/^GitpodDnsZone\.domain: expected a lower-case DNS name/);
  });

  test.each([
    ['an IPv4 address', '10.0.0.1'],
    ['a name ending in an all-numeric label', 'gitpod.example.123'],
  ])('rejects %s: a top-level domain is never numeric', (_, name) => {
    expect(() => GitpodDomain.of(name, 'GitpodDnsZone.domain')).toThrow(/^GitpodDnsZone\.domain: expected .*not an IP address or a name ending in a numeric label/);
  });

  test.each([
    ['a long domain (248 characters, the most that leaves room for *.ws.)', domainOfLength(248)],
    ['punycode labels', 'xn--gitpd-jua.xn--bcher-kva.example'],
    ['nested subdomains', 'gitpod.eu.prod.platform.example.co.uk'],
    ['digits inside labels', '1gitpod.example2.com'],
  ])('accepts %s', (_, name) => {
    const domain = GitpodDomain.of(name);
    expect(domain.certificateNames().every((n) => n.length <= 253)).toBe(true);
  });

  test('a domain one character too long for *.ws.<domain> names the limit', () => {
    const name = domainOfLength(249);
    expect(() => GitpodDomain.of(name, 'GitpodDnsZone.domain')).toThrow(/^GitpodDnsZone\.domain: expected .* of at most 248 characters, so that "\*\.ws\.<name>" fits a DNS name/);
  });

  test('a shortname that makes *.ws-<shortname>.<domain> too long says which input to shorten', () => {
    const domain = GitpodDomain.of(`${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.example.com`);
    expect(() => domain.certificateNames('x'.repeat(60))).toThrow(/^shortname: expected a shortname of at most \d+ characters for the domain ".*" \(or a shorter domain\)/);
    expect(domain.certificateNames('eu1')).toContain(`*.ws-eu1.${domain.name}`);
  });

  test('a shortname longer than 60 characters cannot make the label ws-<shortname>', () => {
    expect(() => GitpodDomain.of('gitpod.example.com').certificateNames('s'.repeat(61))).toThrow(/^shortname: expected at most 60 characters, so that "ws-<shortname>" is a DNS label/);
    expect(GitpodDomain.of('gitpod.example.com').certificateNames('s'.repeat(60))).toHaveLength(4);
  });

  test.each(['', 'default'])('the shortname %j means none, as in the Gitpod installer', (shortname) => {
    const domain = GitpodDomain.of('gitpod.example.com');
    expect(domain.certificateNames(shortname)).toEqual(['gitpod.example.com', '*.gitpod.example.com', '*.ws.gitpod.example.com']);
    expect(domain.workspaceHost(shortname)).toBe('ws.gitpod.example.com');
    expect(GitpodDomain.effectiveShortname(shortname)).toBeUndefined();
  });

  test('rejects upper case and says to use lower case', () => {
    expect(() => GitpodDomain.of('Gitpod.Example.com')).toThrow(/domain: .*use lower case, got "Gitpod.Example.com"/);
  });

  test('rejects a leading wildcard: the wildcards are derived', () => {
    expect(() => GitpodDomain.of('*.gitpod.example.com')).toThrow(/wildcard names are derived from it, got "\*\.gitpod\.example\.com"/);
  });

  test('rejects a trailing dot', () => {
    expect(() => GitpodDomain.of('gitpod.example.com.')).toThrow(/drop the trailing dot/);
  });

  test('rejects an empty domain', () => {
    expect(() => GitpodDomain.of('')).toThrow(/^domain: expected/);
  });

  test('rejects a shortname that is not a DNS label', () => {
    expect(() => GitpodDomain.of('gitpod.example.com').certificateNames('EU_1')).toThrow(/^shortname: expected a DNS label/);
  });
});
