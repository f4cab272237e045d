// Cloudflare DNS, for a cluster on any cloud: the zone, records and credentials come from
// Cloudflare; the cluster keeps whatever it runs on. Cloudflare has no workload identity, so each
// tool gets an API token that may edit the DNS of this zone only, as a Secret Terraform creates
// in the tool's namespace: it is in no output and no manifest.
import { Construct, IConstruct } from 'constructs';
import * as provider from './_provider-cloudflare';
import { cdktf } from '../../internal/lazy';
import { invalid, isUnresolved, validateBoolean, validatePattern } from '../../internal/validate';
import { registerCloud } from '../_registry';
import {
  AddressRecordsRequest,
  CredentialSecret,
  DelegationRequest,
  Dns01SolverRequest,
  DnsWorkload,
  DnsWorkloadBinding,
  DnsWorkloadConfig,
  DnsWorkloadRequest,
  DnsWorkloadValuesRequest,
  DnsZoneAttributes,
  DnsZoneRequest,
  IGitpodCloud,
} from '../gitpod-cloud';

/** Properties of `CloudflareDns`. */
export interface CloudflareDnsProps {
  /**
   * The Cloudflare account that holds the zone and owns the API tokens (32 hexadecimal digits).
   * A Terraform token is fine: it is used by Terraform only.
   */
  readonly accountId: string;

  /**
   * An existing API token for both tools instead of the two this construct creates, e.g. a
   * `TerraformVariable` with `sensitive: true`. It must be allowed Zone Read and DNS Write on the
   * zone. Never a global API key.
   * @default - one token per tool, each allowed on this zone only
   */
  readonly apiToken?: string;

  /**
   * Proxy the records external-dns creates through Cloudflare (`--cloudflare-proxied`). Leave it
   * off for Gitpod: its wildcard names must resolve to the load balancer itself, which carries
   * SSH (port 22) and the workspaces' own ports, not only HTTP(S).
   * @default false
   */
  readonly proxied?: boolean;
}

const ZONE_ID = /^[0-9a-f]{32}$/;
const ZONE_ID_FORM = 'a Cloudflare zone id: 32 lower-case hexadecimal digits';
/** The Secret both tools read their token from, in their own namespaces (cert-manager's ClusterIssuer reads cert-manager's). */
const TOKEN_SECRET = { name: 'cloudflare-api-token', key: 'api-token' };
/** What each token may do: find the zone and change its records (the API names of the permission groups). */
const PERMISSION_GROUPS = ['Zone Read', 'DNS Write'];
/** The permission groups' ids per stack and account. */
const PERMISSION_GROUP_IDS = new WeakMap<IConstruct, Map<string, Array<{ id: string }>>>();

/**
 * An API token's value, when it is a literal: a token's characters (`[A-Za-z0-9_-]`, 40 before
 * 2026, a `cfut_`/`cfat_` prefix, 40 characters and a checksum since: Cloudflare docs,
 * fundamentals/api/get-started/token-formats), never a Global API Key (`cfk_...`, or 37-45
 * lower-case hexadecimal digits before 2026), which may do anything the user may.
 */
function validateApiToken(property: string, token: string): void {
  const expected = 'an API token allowed Zone Read and DNS Write on the zone (a sensitive TerraformVariable, say)';
  if (typeof token !== 'string' || token === '') invalid(property, expected, token);
  if (isUnresolved(token)) return;
  // The value itself is a secret: the error never shows it.
  if (/^cfk_/.test(token) || /^[0-9a-f]{37,45}$/.test(token)) invalid(property, `${expected}, never a Global API Key`, 'a Global API Key');
  if (!/^[A-Za-z0-9_-]{40,80}$/.test(token)) invalid(property, `${expected}: 40 to 80 letters, digits, "_" or "-"`, `a value of ${token.length} characters that is not a token`);
}

/** The registrable domain of a name (`example.com` for `gitpod.example.com`), by the Public Suffix List. */
function registrableDomain(name: string): string | undefined {
  // Cloudflare lets any name under a public suffix, private entries included, be its own zone.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('tldts') as typeof import('tldts')).getDomain(name, { allowPrivateDomains: true }) ?? undefined;
}

/**
 * Cloudflare DNS behind a cluster on any cloud: a zone (or an existing one by id), one API token
 * per tool allowed Zone Read and DNS Write on this zone only, external-dns's `cloudflare` provider
 * limited to the zone (`--zone-id-filter`) and cert-manager's `cloudflare` DNS-01 solver.
 *
 * @example
 * const cloud = new CloudflareDns({ accountId: '0123456789abcdef0123456789abcdef' });
 * const zone = new GitpodDnsZone(stack, 'zone', { cloud, domain: 'gitpod.example.com' });
 */
export class CloudflareDns implements IGitpodCloud {
  public readonly cloudName = 'cloudflare';
  /** Whether external-dns proxies its records through Cloudflare. */
  public readonly proxied: boolean;
  private readonly props: CloudflareDnsProps;

  constructor(props: CloudflareDnsProps) {
    validatePattern('CloudflareDns.accountId', props?.accountId, /^[0-9a-f]{32}$/, 'a Cloudflare account id: 32 lower-case hexadecimal digits');
    if (props.apiToken !== undefined) validateApiToken('CloudflareDns.apiToken', props.apiToken);
    this.proxied = validateBoolean('CloudflareDns.proxied', props.proxied, false);
    this.props = props;
  }

  public bindZone(scope: Construct, request: DnsZoneRequest): DnsZoneAttributes {
    if (request.existingZoneId !== undefined) {
      const zoneId = validatePattern('GitpodDnsZone.existingZoneId', request.existingZoneId, ZONE_ID, ZONE_ID_FORM);
      const existing = new (provider.DataCloudflareZone())(scope, 'zone', { zoneId });
      return { zoneName: request.zoneName, zoneId, literalZoneId: zoneId, nameServers: existing.nameServers };
    }
    const registrable = registrableDomain(request.zoneName);
    if (registrable !== undefined && registrable !== request.zoneName) {
      // developers.cloudflare.com/dns/zone-setups/subdomain-setup: "Subdomain setup is only
      // available for Enterprise accounts" (unless the parent is on the Public Suffix List).
      cdktf().Annotations.of(scope).addWarning(`GitpodDnsZone: Cloudflare creates a zone for ${request.zoneName}, a name below the registrable domain ${registrable}, only on accounts with the Subdomain Support entitlement (Enterprise plans); elsewhere the first apply fails. Use the existing zone of ${registrable} instead: GitpodDnsZone({ zoneName: '${registrable}', existingZoneId: '<its zone id>' }).`);
    }
    const zone = new (provider.Zone())(scope, 'zone', { account: { id: this.props.accountId }, name: request.zoneName, type: 'full' });
    return { zoneName: request.zoneName, zoneId: zone.id, nameServers: zone.nameServers, zoneResource: zone };
  }

  public bindWorkload(scope: Construct, request: DnsWorkloadRequest): DnsWorkloadBinding {
    if (this.props.apiToken !== undefined) return { credentials: this.tokenSecret(this.props.apiToken) };
    const permissionGroups = this.permissionGroups(scope);
    const token = new (provider.AccountToken())(scope, 'api-token', {
      accountId: this.props.accountId,
      name: `Gitpod ${request.workload} (${request.domain.name})`,
      policies: [{
        effect: 'allow',
        permissionGroups,
        // This zone only (the provider takes the resources as a JSON string since v5.13).
        resources: `{"com.cloudflare.api.account.zone.${request.zone.zoneId}":"*"}`,
      }],
    });
    // `value` is sensitive: Terraform keeps it out of plans and logs; it reaches only the Secret.
    return { credentials: this.tokenSecret(token.value) };
  }

  public workloadValues(request: DnsWorkloadValuesRequest): DnsWorkloadConfig {
    if (request.workload === DnsWorkload.CERT_MANAGER) return { values: {}, credentialsSecretName: TOKEN_SECRET.name };
    return {
      values: {
        provider: { name: 'cloudflare' },
        env: [{ name: 'CF_API_TOKEN', valueFrom: { secretKeyRef: { name: TOKEN_SECRET.name, key: TOKEN_SECRET.key } } }],
        extraArgs: {
          // With the zone's id external-dns reads only this zone, which is all its token allows.
          ...(request.zoneId !== undefined ? { 'zone-id-filter': request.zoneId } : {}),
          ...(this.proxied ? { 'cloudflare-proxied': true } : {}),
        },
      },
      credentialsSecretName: TOKEN_SECRET.name,
    };
  }

  public dns01Solver(_request: Dns01SolverRequest): { [key: string]: any } {
    return { cloudflare: { apiTokenSecretRef: TOKEN_SECRET } };
  }

  public proxyServiceAnnotations(): { [key: string]: string } {
    return {};
  }

  public addAddressRecords(scope: Construct, request: AddressRecordsRequest): void {
    const DnsRecord = provider.DnsRecord();
    request.names.forEach((name, i) => new DnsRecord(scope, `record-${i}`, {
      zoneId: request.zone.zoneId,
      name,
      type: request.recordType,
      content: request.address,
      ttl: request.ttl,
      proxied: false,
    }));
  }

  public addDelegation(scope: Construct, request: DelegationRequest): void {
    const DnsRecord = provider.DnsRecord();
    const parentZoneId = validatePattern('GitpodDnsZone.parentZoneId', request.parentZoneId, ZONE_ID, ZONE_ID_FORM);
    // Cloudflare gives every zone two name servers; an NS record holds one.
    const { Fn } = cdktf();
    for (const i of [0, 1]) {
      new DnsRecord(scope, `delegation-${i}`, {
        zoneId: parentZoneId,
        name: request.zone.zoneName,
        type: 'NS',
        content: Fn.element(request.zone.nameServers, i),
        ttl: request.ttl,
      });
    }
  }

  public handoverProps(): { [key: string]: any } {
    // The token is a credential: it stays out of the hand-over.
    return { accountId: this.props.accountId, proxied: this.proxied };
  }

  /**
   * The permission groups' ids, looked up once per stack and account (the data source filters by
   * one name, so one look-up per group), whichever tools and zones need tokens.
   */
  private permissionGroups(scope: Construct): Array<{ id: string }> {
    const stack = cdktf().TerraformStack.of(scope);
    const byAccount = PERMISSION_GROUP_IDS.get(stack) ?? new Map<string, Array<{ id: string }>>();
    PERMISSION_GROUP_IDS.set(stack, byAccount);
    let ids = byAccount.get(this.props.accountId);
    if (!ids) {
      const PermissionGroups = provider.DataCloudflareAccountApiTokenPermissionGroupsList();
      const lookups = new Construct(stack, `cloudflare-permission-groups-${byAccount.size}`);
      ids = PERMISSION_GROUPS.map((name) => ({
        id: new PermissionGroups(lookups, name.toLowerCase().replace(/ /g, '-'), {
          accountId: this.props.accountId,
          name,
          scope: 'com.cloudflare.api.account.zone',
        }).result.get(0).id,
      }));
      byAccount.set(this.props.accountId, ids);
    }
    return ids;
  }

  private tokenSecret(token: string): CredentialSecret {
    return { name: TOKEN_SECRET.name, data: { [TOKEN_SECRET.key]: token } };
  }
}

registerCloud('cloudflare', (props) => new CloudflareDns(props));
