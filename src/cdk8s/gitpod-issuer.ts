import { ApiObject, Chart, Yaml } from 'cdk8s';
import { Construct } from 'constructs';
import { KEEP_WHEN_PRUNED } from './_prune';
import { IGitpodDnsZone } from './gitpod-dns-zone-ref';
import { GitpodDomain } from '../dns/gitpod-domain';
import { invalid, requireLiteral, validateBoolean, validateDnsLabel, validateEmail, validateEnum, validateInteger, validateLabels } from '../internal/validate';

/** An ACME directory to request certificates from. */
export class AcmeServer {
  /** Let's Encrypt production: trusted certificates, strict rate limits. */
  public static readonly LETS_ENCRYPT = new AcmeServer('https://acme-v02.api.letsencrypt.org/directory');
  /** Let's Encrypt staging: untrusted certificates, generous limits; try a new setup here first. */
  public static readonly LETS_ENCRYPT_STAGING = new AcmeServer('https://acme-staging-v02.api.letsencrypt.org/directory');

  /** Any other ACME directory, by its https URL. */
  public static custom(url: string): AcmeServer {
    if (!/^https:\/\/[^\s/]+(\/\S*)?$/.test(url)) invalid('AcmeServer.custom(url)', 'an https URL of an ACME directory', url);
    return new AcmeServer(url);
  }

  private constructor(
    /** The directory URL. */
    public readonly url: string,
  ) {}
}

/** The kind of cert-manager issuer that signs the Gitpod certificate. */
export enum GitpodIssuerKind {
  /** A cluster-wide `ClusterIssuer` (the default): ambient cloud credentials work out of the box. */
  CLUSTER_ISSUER = 'ClusterIssuer',
  /**
   * A namespaced `Issuer` in the Gitpod namespace. cert-manager gives an `Issuer` ambient cloud
   * credentials (Workload Identity, IRSA) only with `GitpodCertManager({ issuerAmbientCredentials: true })`,
   * and cannot read the credential Secrets of the key modes (they live in cert-manager's namespace).
   */
  ISSUER = 'Issuer',
}

/** The issuer and certificate settings, on either path (Terraform or GitOps). */
export interface GitpodIssuerOptions {
  /**
   * Contact address for the ACME account (expiry and policy notices).
   * @example 'platform-team@example.com'
   */
  readonly email: string;

  /**
   * The ACME directory.
   * @default AcmeServer.LETS_ENCRYPT
   */
  readonly acmeServer?: AcmeServer;

  /**
   * Name of the ClusterIssuer.
   * @default 'gitpod-issuer'
   */
  readonly issuerName?: string;

  /**
   * Secret that holds the ACME account key (in cert-manager's namespace).
   * @default 'issuer-account-key'
   */
  readonly accountKeySecretName?: string;

  /**
   * Namespace Gitpod is installed into: the Certificate and its Secret live there, because
   * Gitpod's proxy mounts the Secret.
   * @default 'gitpod'
   */
  readonly gitpodNamespace?: string;

  /**
   * Create the Gitpod namespace with the manifests.
   * @default true
   */
  readonly createNamespace?: boolean;

  /**
   * Name of the Certificate and of the Secret it fills (the installer's `certificate.name`).
   * @default 'https-certificates'
   */
  readonly certificateName?: string;

  /**
   * Kind of the issuer: a `ClusterIssuer`, or an `Issuer` in the Gitpod namespace.
   * @default GitpodIssuerKind.CLUSTER_ISSUER
   */
  readonly issuerKind?: GitpodIssuerKind;

  /**
   * The installation's shortname (Gitpod's `metadata.shortname`). Gitpod then serves workspaces
   * under `ws-<shortname>.<domain>`, so the certificate also covers `*.ws-<shortname>.<domain>`.
   * As in the installer, `""` and `"default"` mean no shortname (workspaces under `ws.<domain>`).
   * @default - none
   */
  readonly shortname?: string;

  /**
   * Labels on the certificate's Secret (`secretTemplate.labels`).
   * @default { app: 'gitpod' }
   */
  readonly secretLabels?: { [key: string]: string };

  /**
   * Also create a Let's Encrypt staging issuer beside the production one: `<issuerName>-staging`,
   * with its own account key Secret `<accountKeySecretName>-staging`. Try a new setup against
   * staging (`useStagingIssuer: true`), then switch the certificate to production by setting
   * `useStagingIssuer: false`: cert-manager issues a trusted certificate into the same Secret.
   * @default false
   */
  readonly stagingIssuer?: boolean;

  /**
   * The certificate uses the staging issuer (needs `stagingIssuer: true`).
   * @default false
   */
  readonly useStagingIssuer?: boolean;

  /**
   * Alerts on the Gitpod certificate, as a prometheus-operator `PrometheusRule` beside it: not
   * ready, expiring soon, or its metrics missing. They use cert-manager's certificate metrics, so
   * cert-manager must be scraped (`GitpodCertManager({ serviceMonitor: true })`).
   * @default - no alerts
   */
  readonly certificateAlerts?: GitpodCertificateAlerts;
}

/** Alerts on the Gitpod certificate. */
export interface GitpodCertificateAlerts {
  /**
   * Alert when the certificate expires within this many days. cert-manager renews 30 days ahead
   * (a third of Let's Encrypt's 90 days), so an alert at 14 means renewals have failed for weeks.
   * @default 14
   */
  readonly expiresWithinDays?: number;

  /**
   * Alert when the certificate has not been ready for this long (a Prometheus duration).
   * @default '15m'
   */
  readonly notReadyFor?: string;

  /**
   * Labels on every alert, e.g. `{ severity: 'critical', team: 'platform' }`.
   * @default - `severity` critical (not ready) and warning (expiry, missing metrics)
   */
  readonly labels?: { [key: string]: string };
}

/** Properties of `GitpodIssuer`. */
export interface GitpodIssuerProps extends GitpodIssuerOptions {
  /**
   * The zone whose DNS provider answers the DNS-01 challenges: a `GitpodDnsZone`, or for a
   * cluster side without Terraform `GitpodDnsZone.fromAttributes(...)` / `fromOutputsFile(...)`.
   */
  readonly zone: IGitpodDnsZone;
}

/** Marks GitpodIssuer instances (see isGitpodIssuer). */
const ISSUER = Symbol.for('cdk-gitpod-networking.GitpodIssuer');

/**
 * The ACME ClusterIssuer with the cloud's DNS-01 solver and the wildcard Certificate Gitpod reads,
 * as a cdk8s chart (one manifest file). Deploy it with `kubectl apply`, or through Terraform in a
 * second stack with `GitpodManifests`, once cert-manager's CRDs exist.
 */
export class GitpodIssuer extends Chart {
  /**
   * True if `x` is a GitpodIssuer. (cdk8s makes `instanceof` true for any chart, whatever the class.)
   */
  public static isGitpodIssuer(x: any): x is GitpodIssuer {
    return x !== null && typeof x === 'object' && ISSUER in x;
  }

  /** Name of the ClusterIssuer. */
  public readonly issuerName: string;
  /** Name of the Certificate and of its Secret. */
  public readonly certificateName: string;
  /** Namespace of the Certificate. */
  public readonly gitpodNamespace: string;
  /** The DNS names the certificate covers. */
  public readonly dnsNames: string[];
  /** The kind of the issuer. */
  public readonly issuerKind: GitpodIssuerKind;
  /**
   * The fragment of the Gitpod installer config this library fills in (`domain`, `certificate`,
   * `metadata.shortname`, proxy Service annotations). Merge it into your `gitpod.config.yaml`.
   */
  public readonly installerConfig: { [key: string]: any };
  /** The issuer object (a ClusterIssuer, or an Issuer in the Gitpod namespace). */
  public readonly clusterIssuer: ApiObject;
  /** The Certificate object. */
  public readonly certificate: ApiObject;
  /**
   * The Let's Encrypt staging issuer, with `stagingIssuer`.
   * @default - none
   */
  public readonly stagingClusterIssuer?: ApiObject;
  /**
   * The alerts, with `certificateAlerts`.
   * @default - none
   */
  public readonly alerts?: ApiObject;

  constructor(scope: Construct, id: string, props: GitpodIssuerProps) {
    super(scope, id, { disableResourceNameHashes: true });
    Object.defineProperty(this, ISSUER, { value: true });
    const zone = props?.zone;
    if (!zone?.cloud || !(zone.domain instanceof GitpodDomain)) {
      invalid('GitpodIssuer.zone', 'a GitpodDnsZone, or GitpodDnsZone.fromAttributes(...) / fromOutputsFile(...)', zone);
    }
    const email = validateEmail('GitpodIssuer.email', props.email);
    if (props.acmeServer !== undefined && !(props.acmeServer instanceof AcmeServer)) {
      invalid('GitpodIssuer.acmeServer', 'AcmeServer.LETS_ENCRYPT, AcmeServer.LETS_ENCRYPT_STAGING or AcmeServer.custom(url)', props.acmeServer);
    }
    this.issuerName = validateDnsLabel('GitpodIssuer.issuerName', props.issuerName ?? 'gitpod-issuer');
    this.certificateName = validateDnsLabel('GitpodIssuer.certificateName', props.certificateName ?? 'https-certificates');
    this.gitpodNamespace = validateDnsLabel('GitpodIssuer.gitpodNamespace', props.gitpodNamespace ?? 'gitpod');
    const accountKey = validateDnsLabel('GitpodIssuer.accountKeySecretName', props.accountKeySecretName ?? 'issuer-account-key');
    this.issuerKind = validateEnum('GitpodIssuer.issuerKind', props.issuerKind, GitpodIssuerKind, 'GitpodIssuerKind', GitpodIssuerKind.CLUSTER_ISSUER);
    const shortname = GitpodDomain.effectiveShortname(props.shortname, 'GitpodIssuer.shortname');
    this.dnsNames = zone.domain.certificateNames(shortname);
    const secretLabels = validateLabels('GitpodIssuer.secretLabels', props.secretLabels ?? { app: 'gitpod' });

    const solver = zone.cloud.dns01Solver({ domain: zone.domain, zoneName: zone.zoneName, zoneId: zone.literalZoneId });
    assertNoTokens(`GitpodIssuer: the ${zone.cloud.cloudName} DNS-01 solver`, solver);
    // A namespaced Issuer reads Secrets from its own namespace only, but the clouds create their
    // credential Secrets (key modes) in cert-manager's namespace, where a ClusterIssuer looks.
    if (this.issuerKind === GitpodIssuerKind.ISSUER && /SecretRef/.test(JSON.stringify(solver))) {
      invalid('GitpodIssuer.issuerKind', `GitpodIssuerKind.CLUSTER_ISSUER: the ${zone.cloud.cloudName} solver reads a credential Secret from cert-manager's namespace, which an Issuer cannot`, this.issuerKind);
    }

    if (props.createNamespace ?? true) {
      // A plain ApiObject: cdk8s-plus-27 would add ~85 ms to every synth for this one object.
      new ApiObject(this, 'namespace', {
        apiVersion: 'v1',
        kind: 'Namespace',
        // Gitpod lives here (the installer renders into it): a GitOps prune never deletes it.
        metadata: { name: this.gitpodNamespace, annotations: { ...KEEP_WHEN_PRUNED } },
      });
    }

    const staging = validateBoolean('GitpodIssuer.stagingIssuer', props.stagingIssuer, false);
    const useStaging = validateBoolean('GitpodIssuer.useStagingIssuer', props.useStagingIssuer, false);
    if (staging && props.acmeServer !== undefined && props.acmeServer !== AcmeServer.LETS_ENCRYPT) {
      invalid('GitpodIssuer.acmeServer', 'Let\'s Encrypt production (or unset) with stagingIssuer: the staging issuer is its Let\'s Encrypt twin', props.acmeServer.url);
    }
    if (useStaging && !staging) invalid('GitpodIssuer.stagingIssuer', 'true when useStagingIssuer is true (the certificate needs the staging issuer)', props.stagingIssuer);
    const alerts = props.certificateAlerts === undefined ? undefined : validateAlerts(props.certificateAlerts);

    const namespaced = this.issuerKind === GitpodIssuerKind.ISSUER;
    const issuer = (objectId: string, name: string, server: AcmeServer, accountKeyName: string) => new ApiObject(this, objectId, {
      apiVersion: 'cert-manager.io/v1',
      kind: this.issuerKind,
      metadata: { name, ...(namespaced ? { namespace: this.gitpodNamespace } : {}) },
      spec: {
        acme: {
          server: server.url,
          email,
          privateKeySecretRef: { name: accountKeyName },
          solvers: [
            {
              // Only names inside the Gitpod domain are solved here.
              selector: { dnsZones: [zone.domain.name] },
              dns01: solver,
            },
          ],
        },
      },
    });
    this.clusterIssuer = issuer('issuer', this.issuerName, props.acmeServer ?? AcmeServer.LETS_ENCRYPT, accountKey);
    let certificateIssuer = this.issuerName;
    if (staging) {
      // A second ACME account: staging and production keys are never mixed up.
      const stagingName = validateDnsLabel('GitpodIssuer.issuerName (with "-staging")', `${this.issuerName}-staging`);
      const stagingKey = validateDnsLabel('GitpodIssuer.accountKeySecretName (with "-staging")', `${accountKey}-staging`);
      this.stagingClusterIssuer = issuer('staging-issuer', stagingName, AcmeServer.LETS_ENCRYPT_STAGING, stagingKey);
      if (useStaging) certificateIssuer = stagingName;
    }

    this.certificate = new ApiObject(this, 'certificate', {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: this.certificateName, namespace: this.gitpodNamespace },
      spec: {
        secretName: this.certificateName,
        // The installer's proxy and ws-proxy mount this Secret and read tls.crt / tls.key.
        secretTemplate: { labels: secretLabels },
        dnsNames: this.dnsNames,
        issuerRef: { name: certificateIssuer, kind: this.issuerKind, group: 'cert-manager.io' },
      },
    });
    if (alerts) this.alerts = new ApiObject(this, 'alerts', certificateRule(this.certificateName, this.gitpodNamespace, alerts));

    // The installer sets the external-dns hostname and the NEG annotation on the proxy Service
    // itself (components/proxy/service.go); only what a cloud needs beyond those goes here.
    const annotations = zone.cloud.proxyServiceAnnotations();
    this.installerConfig = {
      domain: zone.domain.name,
      certificate: { kind: 'secret', name: this.certificateName },
      ...(shortname ? { metadata: { shortname } } : {}),
      ...(Object.keys(annotations).length > 0 ? { experimental: { webapp: { proxy: { serviceAnnotations: annotations } } } } : {}),
    };
  }

  /**
   * The `gitpod-installer render` command for this fragment: with `--use-experimental-config`
   * when the fragment holds `experimental` keys, which the installer ignores without it.
   */
  public installerRenderCommand(): string {
    const experimental = this.installerConfig.experimental !== undefined ? ' --use-experimental-config' : '';
    return `gitpod-installer render --config gitpod.config.yaml --namespace ${this.gitpodNamespace}${experimental}`;
  }

  /** The installer config fragment as YAML, with a comment on where it goes. */
  public installerConfigYaml(): string {
    return [
      `# Gitpod installer config for ${this.installerConfig.domain}, from cdk-gitpod-networking.`,
      '# Merge into gitpod.config.yaml; render Gitpod into the namespace of the certificate:',
      `#   ${this.installerRenderCommand()}`,
      Yaml.stringify(this.installerConfig),
    ].join('\n');
  }
}

/**
 * cert-manager renews a certificate a third of its lifetime before expiry when `renewBefore` is
 * unset (cert-manager/cert-manager:pkg/util/pki/renewaltime.go@v1.21.1): 30 days for the 90-day
 * certificates of Let's Encrypt.
 */
const ACME_RENEWAL_DAYS = 30;

function validateAlerts(alerts: GitpodCertificateAlerts): Required<GitpodCertificateAlerts> {
  // An alert at or past cert-manager's renewal point would fire on every healthy certificate.
  const days = validateInteger('GitpodIssuer.certificateAlerts.expiresWithinDays', alerts.expiresWithinDays, 1, ACME_RENEWAL_DAYS - 1,
    `days, fewer than the ${ACME_RENEWAL_DAYS} days before expiry at which cert-manager renews a 90-day ACME certificate (a third of its lifetime)`, 14);
  const notReadyFor = alerts.notReadyFor ?? '15m';
  if (typeof notReadyFor !== 'string' || !/^([0-9]+(ms|s|m|h|d|w|y))+$/.test(notReadyFor)) {
    invalid('GitpodIssuer.certificateAlerts.notReadyFor', 'a Prometheus duration such as "15m" or "1h"', notReadyFor);
  }
  const labels = alerts.labels === undefined ? {} : validateLabels('GitpodIssuer.certificateAlerts.labels', alerts.labels);
  return { expiresWithinDays: days, notReadyFor, labels };
}

/**
 * A PrometheusRule on cert-manager's certificate metrics (certmanager_certificate_ready_status and
 * certmanager_certificate_expiration_timestamp_seconds, with labels name and namespace:
 * cert-manager/cert-manager:internal/collectors/certificate_collector.go@v1.21.1).
 */
function certificateRule(name: string, namespace: string, alerts: Required<GitpodCertificateAlerts>) {
  const selector = `name="${name}", namespace="${namespace}"`;
  const subject = `The Gitpod certificate ${namespace}/${name}`;
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name: `${name}-alerts`, namespace },
    spec: {
      groups: [{
        name: `gitpod-certificate-${name}`,
        rules: [
          {
            alert: 'GitpodCertificateNotReady',
            expr: `max by (name, namespace) (certmanager_certificate_ready_status{${selector}, condition!="True"}) == 1`,
            for: alerts.notReadyFor,
            labels: { severity: 'critical', ...alerts.labels },
            annotations: {
              summary: `${subject} is not ready`,
              description: `${subject} has not been ready for ${alerts.notReadyFor}: Gitpod serves an old or no certificate. See \`kubectl -n ${namespace} describe certificate ${name}\` and its CertificateRequest, Order and Challenge.`,
            },
          },
          {
            alert: 'GitpodCertificateExpiresSoon',
            expr: `certmanager_certificate_expiration_timestamp_seconds{${selector}} - time() < ${alerts.expiresWithinDays} * 86400`,
            for: '1h',
            labels: { severity: 'warning', ...alerts.labels },
            annotations: {
              summary: `${subject} expires within ${alerts.expiresWithinDays} days`,
              description: `${subject} expires in {{ $value | humanizeDuration }}; cert-manager renews 30 days ahead, so renewals have been failing.`,
            },
          },
          {
            alert: 'GitpodCertificateMetricsAbsent',
            expr: `absent(certmanager_certificate_expiration_timestamp_seconds{${selector}})`,
            for: '30m',
            labels: { severity: 'warning', ...alerts.labels },
            annotations: {
              summary: `No metrics for ${subject}`,
              description: 'Prometheus scrapes no certificate metrics from cert-manager: the other alerts cannot fire. Enable GitpodCertManager({ serviceMonitor: true }).',
            },
          },
        ],
      }],
    },
  };
}

/** Fails when a Terraform token hides anywhere in `value`: it would reach a manifest as `${...}`. */
function assertNoTokens(what: string, value: unknown, path: string = ''): void {
  if (typeof value === 'string') {
    requireLiteral(`${what}${path ? ` field ${path}` : ''}`, value, 'Pass the literal value in the cloud\'s props (see its docs).');
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => assertNoTokens(what, v, `${path}[${i}]`));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) assertNoTokens(what, v, path ? `${path}.${k}` : k);
  }
}
