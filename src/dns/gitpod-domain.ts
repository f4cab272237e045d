import { invalid, validateDnsLabel, validateDnsName } from '../internal/validate';

/**
 * The Gitpod domain, validated once, and the DNS names Gitpod needs for it.
 *
 * Gitpod serves the domain itself, its subdomains and one subdomain per running workspace, so
 * DNS records and the TLS certificate cover `domain`, `*.domain` and `*.ws.domain`.
 */
export class GitpodDomain {
  /**
   * Validates a domain such as `gitpod.example.com`.
   *
   * @param name lower-case DNS name, at least two labels, no wildcard and no trailing dot
   * @param property the property name to report in errors
   */
  public static of(name: string, property: string = 'domain'): GitpodDomain {
    // `*.ws.<domain>` is the longest name derived from the domain alone.
    return new GitpodDomain(validateDnsName(property, name, '*.ws.'));
  }

  /**
   * The shortname as the Gitpod installer reads it: `""` and `"default"` both mean none, so
   * workspaces live under `ws.<domain>` (installer `pkg/config/v1/config.go`).
   *
   * @param shortname the installer's `metadata.shortname`
   * @param property the property name to report in errors
   */
  public static effectiveShortname(shortname: string | undefined, property: string = 'shortname'): string | undefined {
    if (shortname === undefined || shortname === '' || shortname === 'default') return undefined;
    validateDnsLabel(property, shortname);
    // `ws-<shortname>` is one DNS label: at most 63 characters.
    if (shortname.length > 60) invalid(property, 'at most 60 characters, so that "ws-<shortname>" is a DNS label', shortname);
    return shortname;
  }

  private constructor(
    /** The domain, e.g. `gitpod.example.com`. */
    public readonly name: string,
  ) {}

  /** The zone's DNS name in the form the cloud APIs use: with the trailing dot. */
  public get fqdn(): string {
    return `${this.name}.`;
  }

  /**
   * The host under which workspaces are served: `ws.<domain>`, or `ws-<shortname>.<domain>` for
   * a shortname other than `""` and `"default"`.
   */
  public workspaceHost(shortname?: string): string {
    const effective = GitpodDomain.effectiveShortname(shortname);
    if (!effective) return `ws.${this.name}`;
    const host = `ws-${effective}.${this.name}`;
    if (`*.${host}`.length > 253) {
      invalid('shortname', `a shortname of at most ${253 - `*.ws-.${this.name}`.length} characters for the domain "${this.name}" (or a shorter domain), so that "*.${host.replace(effective, '<shortname>')}" fits a DNS name`, shortname);
    }
    return host;
  }

  /**
   * The names the certificate and DNS must cover: `domain`, `*.domain`, `*.ws.domain`, and with a
   * shortname (other than `""` and `"default"`) also `*.ws-<shortname>.domain`, where Gitpod
   * serves that installation's workspaces.
   */
  public certificateNames(shortname?: string): string[] {
    const names = [this.name, `*.${this.name}`, `*.${this.workspaceHost()}`];
    if (GitpodDomain.effectiveShortname(shortname)) names.push(`*.${this.workspaceHost(shortname)}`);
    return names;
  }

  /** True if `zone` is this domain or one of its parents (so the zone can hold its records). */
  public isWithin(zone: string): boolean {
    return this.name === zone || this.name.endsWith(`.${zone}`);
  }
}
