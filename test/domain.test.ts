import { GitpodDomain } from '../src';

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
    ['a name too long for *.ws.<domain>', `${'a.'.repeat(124)}com`],
  ])('rejects %s with the property named', (_, name) => {
    expect(() => GitpodDomain.of(name, 'GitpodDnsZone.domain')).toThrow(/^GitpodDnsZone\.domain: expected a lower-case DNS name/);
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
