import { validateDnsLabel, validateDnsName } from './_validate';

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
    return new GitpodDomain(validateDnsName(property, name));
  }

  private constructor(
    /** The domain, e.g. `gitpod.example.com`. */
    public readonly name: string,
  ) {}

  /** The zone's DNS name in the form the cloud APIs use: with the trailing dot. */
  public get fqdn(): string {
    return `${this.name}.`;
  }

  /** The host under which workspaces are served: `ws.<domain>`, or `ws-<shortname>.<domain>`. */
  public workspaceHost(shortname?: string): string {
    return shortname ? `ws-${validateDnsLabel('shortname', shortname)}.${this.name}` : `ws.${this.name}`;
  }

  /**
   * The names the certificate and DNS must cover: `domain`, `*.domain`, `*.ws.domain`, and with a
   * `shortname` also `*.ws-<shortname>.domain` (where Gitpod serves workspaces for that shortname).
   */
  public certificateNames(shortname?: string): string[] {
    const names = [this.name, `*.${this.name}`, `*.${this.workspaceHost()}`];
    if (shortname) names.push(`*.${this.workspaceHost(shortname)}`);
    return names;
  }

  /** True if `zone` is this domain or one of its parents (so the zone can hold its records). */
  public isWithin(zone: string): boolean {
    return this.name === zone || this.name.endsWith(`.${zone}`);
  }
}
