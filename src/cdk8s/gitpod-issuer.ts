import { ApiObject, Chart, Yaml } from 'cdk8s';
import { Construct } from 'constructs';
import { caBundle, caCertificate, caIssuer, durationHours, InternalCaNames, selfSignedIssuer } from './_internal-ca';
import { KEEP_WHEN_PRUNED } from './_prune';
import { renderingForTerraform } from './_tokens-allowed';
import { AcmeServer, GitpodExternalAccountBinding } from './gitpod-acme';
import { IGitpodDnsZone } from './gitpod-dns-zone-ref';
import { GitpodDomain } from '../dns/gitpod-domain';
import { invalid, isUnresolved, requireLiteral, validateBoolean, validateDnsLabel, validateEmail, validateEnum, validateInteger, validateLabels } from '../internal/validate';

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
   * Contact address for the ACME account (expiry and policy notices). Required for ACME; not
   * with the internal CA, which has no account.
   * @default - none (the internal CA)
   * @example 'platform-team@example.com'
   */
  readonly email?: string;

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

  /**
   * ACME External Account Binding: the CA binds the ACME account to your account with it
   * (ZeroSSL, Google Trust Services, commercial ACME CAs). The HMAC key stays in a Secret
   * Terraform creates from a sensitive value (`GitpodExternalAccountKey`); the issuer only names it.
   * @default - none (Let's Encrypt needs none)
   */
  readonly externalAccountBinding?: GitpodExternalAccountBinding;

  /**
   * Issue the certificate from a CA of the cluster's own instead of ACME: a self-signed CA
   * certificate in cert-manager's namespace, a `ca` ClusterIssuer on it, the CA published into the
   * Gitpod namespace by trust-manager, and `customCACert` in the installer config. Browsers, the
   * Gitpod CLI and desktop IDEs must trust the CA (see the README, "Choosing the CA"). The default
   * for a private zone, which no public CA can validate; `{}` takes it for any zone.
   * @default - ACME; the internal CA on a private zone
   */
  readonly internalCa?: GitpodInternalCa;
}

/** The internal CA: cert-manager's self-signed CA chain, and trust-manager to publish it. */
export interface GitpodInternalCa {
  /**
   * The CA certificate's common name, as clients show it when asked to trust it.
   * @default - `Gitpod CA <domain>`
   */
  readonly commonName?: string;

  /**
   * How long the CA certificate lives (a cert-manager duration, hours at most: "87600h" is ten
   * years). cert-manager renews it a third of its life ahead, with a new key: clients must then
   * trust the new CA.
   * @default '87600h'
   */
  readonly caDuration?: string;

  /**
   * How long the Gitpod certificate lives; cert-manager renews it a third of its life ahead.
   * @default '2160h' (90 days, as ACME CAs issue)
   */
  readonly certificateDuration?: string;

  /**
   * The Secret of the CA (certificate and key) in cert-manager's namespace, which the installer's
   * `customCACert` names.
   * @default - `<issuerName>-ca`
   */
  readonly caSecretName?: string;

  /**
   * cert-manager's namespace: its cluster resource namespace (where a `ca` ClusterIssuer reads the
   * CA) and trust-manager's trust namespace, as `GitpodCertManager` installs them.
   * @default 'cert-manager'
   */
  readonly certManagerNamespace?: string;
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
 * The ClusterIssuer and the wildcard Certificate Gitpod reads, as a cdk8s chart (one manifest
 * file): an ACME issuer with the cloud's DNS-01 solver, or the internal CA (its chain, and a
 * trust-manager Bundle that publishes it) for private zones and wherever asked. Deploy it with
 * `kubectl apply`, or through Terraform in a second stack with `GitpodManifests`, once
 * cert-manager's CRDs exist.
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
  /** The issuer of the certificate (a ClusterIssuer, or an Issuer in the Gitpod namespace): ACME, or the internal CA's. */
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
  /** True if the certificate comes from the internal CA (`internalCa`, or a private zone). */
  public readonly usesInternalCa: boolean;
  /**
   * The internal CA's self-signed ClusterIssuer, which signs only the CA certificate.
   * @default - none (ACME)
   */
  public readonly selfSignedIssuer?: ApiObject;
  /**
   * The internal CA's certificate, in cert-manager's namespace.
   * @default - none (ACME)
   */
  public readonly caCertificate?: ApiObject;
  /**
   * The trust-manager Bundle that publishes the internal CA into the Gitpod namespace (a ConfigMap
   * named like it, key `ca.crt`).
   * @default - none (ACME)
   */
  public readonly caBundle?: ApiObject;

  constructor(scope: Construct, id: string, props: GitpodIssuerProps) {
    super(scope, id, { disableResourceNameHashes: true });
    Object.defineProperty(this, ISSUER, { value: true });
    const zone = props?.zone;
    if (!zone?.cloud || !(zone.domain instanceof GitpodDomain)) {
      invalid('GitpodIssuer.zone', 'a GitpodDnsZone, or GitpodDnsZone.fromAttributes(...) / fromOutputsFile(...)', zone);
    }
    if (props.acmeServer !== undefined && !(props.acmeServer instanceof AcmeServer)) {
      invalid('GitpodIssuer.acmeServer', 'AcmeServer.LETS_ENCRYPT, AcmeServer.LETS_ENCRYPT_STAGING, AcmeServer.ZEROSSL or AcmeServer.custom(url)', props.acmeServer);
    }
    this.issuerName = validateDnsLabel('GitpodIssuer.issuerName', props.issuerName ?? 'gitpod-issuer');
    this.certificateName = validateDnsLabel('GitpodIssuer.certificateName', props.certificateName ?? 'https-certificates');
    this.gitpodNamespace = validateDnsLabel('GitpodIssuer.gitpodNamespace', props.gitpodNamespace ?? 'gitpod');
    this.issuerKind = validateEnum('GitpodIssuer.issuerKind', props.issuerKind, GitpodIssuerKind, 'GitpodIssuerKind', GitpodIssuerKind.CLUSTER_ISSUER);
    const shortname = GitpodDomain.effectiveShortname(props.shortname, 'GitpodIssuer.shortname');
    this.dnsNames = zone.domain.certificateNames(shortname);
    const secretLabels = validateLabels('GitpodIssuer.secretLabels', props.secretLabels ?? { app: 'gitpod' });

    // A public CA reads the DNS-01 challenge from the internet, which a private zone does not
    // answer: its certificate comes from the internal CA.
    const privateZone = zone.cloud.privateZone === true;
    this.usesInternalCa = props.internalCa !== undefined || privateZone;

    if (props.createNamespace ?? true) {
      // A plain ApiObject: cdk8s-plus-27 would add ~85 ms to every synth for this one object.
      new ApiObject(this, 'namespace', {
        apiVersion: 'v1',
        kind: 'Namespace',
        // Gitpod lives here (the installer renders into it): a GitOps prune never deletes it.
        metadata: { name: this.gitpodNamespace, annotations: { ...KEEP_WHEN_PRUNED } },
      });
    }

    let certificateIssuer = this.issuerName;
    let certificateDuration: string | undefined;
    let lifetimeHours = ACME_LIFETIME_DAYS * 24;
    const installerCa: { [key: string]: any } = {};
    if (this.usesInternalCa) {
      refuseAcmeOptions(props, privateZone);
      if (this.issuerKind === GitpodIssuerKind.ISSUER) {
        invalid('GitpodIssuer.issuerKind', 'GitpodIssuerKind.CLUSTER_ISSUER with the internal CA: its Secret lives in cert-manager\'s namespace, which only a ClusterIssuer reads', this.issuerKind);
      }
      const ca = props.internalCa ?? {};
      if (typeof ca !== 'object' || ca === null) invalid('GitpodIssuer.internalCa', 'the internal CA\'s settings ({} for the defaults)', ca);
      const names: InternalCaNames = {
        selfSignedIssuer: validateDnsLabel('GitpodIssuer.issuerName (with "-selfsigned")', `${this.issuerName}-selfsigned`),
        caCertificate: validateDnsLabel('GitpodIssuer.issuerName (with "-ca")', `${this.issuerName}-ca`),
        caSecret: validateDnsLabel('GitpodIssuer.internalCa.caSecretName', ca.caSecretName ?? `${this.issuerName}-ca`),
        caIssuer: this.issuerName,
        bundle: validateDnsLabel('GitpodIssuer.issuerName (with "-ca")', `${this.issuerName}-ca`),
        certManagerNamespace: validateDnsLabel('GitpodIssuer.internalCa.certManagerNamespace', ca.certManagerNamespace ?? 'cert-manager'),
        gitpodNamespace: this.gitpodNamespace,
      };
      const caDuration = ca.caDuration ?? '87600h';
      certificateDuration = ca.certificateDuration ?? '2160h';
      const caHours = durationHours('GitpodIssuer.internalCa.caDuration', caDuration);
      lifetimeHours = durationHours('GitpodIssuer.internalCa.certificateDuration', certificateDuration);
      if (caHours <= lifetimeHours) {
        invalid('GitpodIssuer.internalCa.caDuration', `a CA lifetime longer than the certificate it signs (certificateDuration "${certificateDuration}")`, caDuration);
      }
      const commonName = ca.commonName ?? `Gitpod CA ${zone.domain.name}`;
      if (typeof commonName !== 'string' || commonName.length < 1 || commonName.length > 64) invalid('GitpodIssuer.internalCa.commonName', 'a common name of 1 to 64 characters', commonName);
      // In order: the self-signed issuer, the CA certificate, the CA issuer; then the certificate.
      this.selfSignedIssuer = new ApiObject(this, 'selfsigned-issuer', selfSignedIssuer(names));
      this.caCertificate = new ApiObject(this, 'ca-certificate', caCertificate(names, commonName, caDuration));
      this.clusterIssuer = new ApiObject(this, 'issuer', caIssuer(names));
      this.caBundle = new ApiObject(this, 'ca-bundle', caBundle(names));
      // The installer reads `ca.crt` of this Secret in trust-manager's trust namespace
      // (gitpod-io/gitpod:install/installer/pkg/config/v1/config.go, CustomCACert; pkg/components/cluster/certmanager.go).
      installerCa.customCACert = { kind: 'secret', name: names.caSecret };
    } else {
      const email = validateEmail('GitpodIssuer.email', props.email);
      const server = props.acmeServer ?? AcmeServer.LETS_ENCRYPT;
      const accountKey = validateDnsLabel('GitpodIssuer.accountKeySecretName', props.accountKeySecretName ?? 'issuer-account-key');
      const eab = props.externalAccountBinding === undefined ? undefined : validateExternalAccountBinding(props.externalAccountBinding, server);
      if (eab && isUnresolved(eab.keyID)) {
        // Known only after apply: GitpodManifests applies it; a manifest file would hold `${...}`.
        this.node.addValidation({ validate: () => renderingForTerraform(this) ? [] : ['GitpodIssuer.externalAccountBinding.keyId: expected a literal key id in a manifest file, got a Terraform token (a key Terraform creates). Apply this issuer with GitpodManifests, from a cdk8s App that is not synthesized, or pass the key id as a string'] });
      }
      const solver = zone.cloud.dns01Solver({ domain: zone.domain, zoneName: zone.zoneName, zoneId: zone.literalZoneId });
      assertNoTokens(`GitpodIssuer: the ${zone.cloud.cloudName} DNS-01 solver`, solver);
      // A namespaced Issuer reads Secrets from its own namespace only, but the clouds create their
      // credential Secrets (key modes) in cert-manager's namespace, where a ClusterIssuer looks.
      const solverReadsSecret = /SecretRef/.test(JSON.stringify(solver));
      if (this.issuerKind === GitpodIssuerKind.ISSUER && (solverReadsSecret || eab)) {
        const reader = solverReadsSecret ? `the ${zone.cloud.cloudName} solver reads a credential Secret` : 'the external account binding reads its key\'s Secret';
        invalid('GitpodIssuer.issuerKind', `GitpodIssuerKind.CLUSTER_ISSUER: ${reader} from cert-manager's namespace, which an Issuer cannot`, this.issuerKind);
      }
      const staging = validateBoolean('GitpodIssuer.stagingIssuer', props.stagingIssuer, false);
      const useStaging = validateBoolean('GitpodIssuer.useStagingIssuer', props.useStagingIssuer, false);
      if (staging && props.acmeServer !== undefined && props.acmeServer !== AcmeServer.LETS_ENCRYPT) {
        invalid('GitpodIssuer.acmeServer', 'Let\'s Encrypt production (or unset) with stagingIssuer: the staging issuer is its Let\'s Encrypt twin', props.acmeServer.url);
      }
      if (useStaging && !staging) invalid('GitpodIssuer.stagingIssuer', 'true when useStagingIssuer is true (the certificate needs the staging issuer)', props.stagingIssuer);

      const namespaced = this.issuerKind === GitpodIssuerKind.ISSUER;
      const issuer = (objectId: string, name: string, acmeServer: AcmeServer, keySecret: string, binding?: AcmeBinding) =>
        new ApiObject(this, objectId, {
          apiVersion: 'cert-manager.io/v1',
          kind: this.issuerKind,
          metadata: { name, ...(namespaced ? { namespace: this.gitpodNamespace } : {}) },
          spec: {
            acme: {
              server: acmeServer.url,
              email,
              privateKeySecretRef: { name: keySecret },
              ...(binding ? { externalAccountBinding: binding } : {}),
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
      this.clusterIssuer = issuer('issuer', this.issuerName, server, accountKey, eab);
      if (staging) {
        // A second ACME account: staging and production keys are never mixed up.
        const stagingName = validateDnsLabel('GitpodIssuer.issuerName (with "-staging")', `${this.issuerName}-staging`);
        const stagingKey = validateDnsLabel('GitpodIssuer.accountKeySecretName (with "-staging")', `${accountKey}-staging`);
        this.stagingClusterIssuer = issuer('staging-issuer', stagingName, AcmeServer.LETS_ENCRYPT_STAGING, stagingKey);
        if (useStaging) certificateIssuer = stagingName;
      }
    }
    const alerts = props.certificateAlerts === undefined ? undefined : validateAlerts(props.certificateAlerts, lifetimeHours);

    this.certificate = new ApiObject(this, 'certificate', {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: this.certificateName, namespace: this.gitpodNamespace },
      spec: {
        secretName: this.certificateName,
        // The installer's proxy and ws-proxy mount this Secret and read tls.crt / tls.key.
        secretTemplate: { labels: secretLabels },
        dnsNames: this.dnsNames,
        ...(certificateDuration ? { duration: certificateDuration } : {}),
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
      ...installerCa,
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

/** Options that only an ACME issuer reads. */
const ACME_ONLY: Array<keyof GitpodIssuerOptions> = ['email', 'acmeServer', 'accountKeySecretName', 'externalAccountBinding', 'stagingIssuer', 'useStagingIssuer'];

/** The internal CA has no ACME account: an ACME option there is a mistake, not a no-op. */
function refuseAcmeOptions(props: GitpodIssuerOptions, privateZone: boolean): void {
  for (const option of ACME_ONLY) {
    const value = props[option];
    if (value === undefined || value === false) continue;
    invalid(`GitpodIssuer.${option}`, privateZone
      ? 'no ACME option on a private zone: a public CA cannot read its challenge records, so the certificate comes from the internal CA (for ACME, give GitpodIssuer the public zone of a split horizon)'
      : 'no ACME option with internalCa: the internal CA signs the certificate itself, without an ACME account', value instanceof AcmeServer ? value.url : value);
  }
}

/** The issuer's `externalAccountBinding`, as cert-manager v1.21.1 takes it (keyID, keySecretRef). */
/** An `externalAccountBinding` as cert-manager v1.21.1's ACME issuer spec takes it. */
interface AcmeBinding {
  readonly keyID: string;
  readonly keySecretRef: { readonly name: string; readonly key: string };
}

function validateExternalAccountBinding(binding: GitpodExternalAccountBinding, server: AcmeServer): AcmeBinding {
  const property = 'GitpodIssuer.externalAccountBinding';
  if (!binding || typeof binding !== 'object') invalid(property, '{ keyId, secretName }', binding);
  if (server === AcmeServer.LETS_ENCRYPT || server === AcmeServer.LETS_ENCRYPT_STAGING) {
    invalid('GitpodIssuer.acmeServer', 'an ACME CA that binds accounts (AcmeServer.ZEROSSL, AcmeServer.custom(url)) with externalAccountBinding: Let\'s Encrypt takes none', server.url);
  }
  if (typeof binding.keyId !== 'string' || binding.keyId.trim() === '') invalid(`${property}.keyId`, 'the EAB key id the CA gave you', binding.keyId);
  if (binding.secretName === undefined) invalid(`${property}.secretName`, 'the Secret that holds the EAB HMAC key (GitpodExternalAccountKey creates it)', binding.secretName);
  const secretKey = binding.secretKey ?? 'secret';
  if (typeof secretKey !== 'string' || !/^[-._a-zA-Z0-9]{1,253}$/.test(secretKey)) invalid(`${property}.secretKey`, 'a key of a Secret: letters, digits, "-", "_" or "."', secretKey);
  return { keyID: binding.keyId, keySecretRef: { name: validateDnsLabel(`${property}.secretName`, binding.secretName), key: secretKey } };
}

/** The lifetime of an ACME certificate: Let's Encrypt, ZeroSSL and Google Trust Services issue for 90 days. */
const ACME_LIFETIME_DAYS = 90;

/**
 * cert-manager renews a certificate a third of its lifetime before expiry when `renewBefore` is
 * unset (cert-manager/cert-manager:pkg/util/pki/renewaltime.go@v1.21.1): 30 days for a 90-day
 * certificate. An alert at or past that point would fire on every healthy certificate.
 */
function validateAlerts(alerts: GitpodCertificateAlerts, lifetimeHours: number): Required<GitpodCertificateAlerts> {
  const lifetimeDays = Math.floor(lifetimeHours / 24);
  const renewalDays = Math.floor(lifetimeHours / 24 / 3);
  if (renewalDays < 2) invalid('GitpodIssuer.certificateAlerts', `no expiry alert for a certificate of ${lifetimeDays} days: cert-manager renews it less than two days ahead`, alerts);
  const days = validateInteger('GitpodIssuer.certificateAlerts.expiresWithinDays', alerts.expiresWithinDays, 1, renewalDays - 1,
    `days, fewer than the ${renewalDays} days before expiry at which cert-manager renews the ${lifetimeDays}-day certificate (a third of its lifetime)`, Math.min(14, renewalDays - 1));
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
