import { ApiObject, App, Chart, Names, YamlOutputType } from 'cdk8s';
import { Construct } from 'constructs';
import { stagesOf } from './_order';
import { KEEP_WHEN_PRUNED } from './_prune';
import { GitpodWorkloadReference, IGitpodDnsZone } from './gitpod-dns-zone-ref';
import { GitpodIssuer, GitpodIssuerOptions } from './gitpod-issuer';
import { DnsWorkload, DnsWorkloadConfig } from '../dns/gitpod-cloud';
import { invalid, requireString, validateBoolean, validateDnsLabel, validateDuration, validateEnum } from '../internal/validate';
import { certManagerReleases, externalDnsRelease, ReleaseSpec, workloadNames } from '../releases/_releases';
import { GitpodCertManagerOptions } from '../releases/cert-manager-options';
import { GitpodExternalDnsOptions } from '../releases/external-dns-options';

/** The GitOps tool that applies the manifests. */
export enum GitOpsFlavor {
  /** Flux: `HelmRepository` + `HelmRelease` (v2) objects, and two `Kustomization`s that order them. */
  FLUX = 'flux',
  /** Argo CD: one `Application` per chart, ordered with sync waves. */
  ARGO_CD = 'argo-cd',
}

/** The Flux source the Kustomizations read the manifests from. */
export interface GitpodFluxSourceRef {
  /**
   * Kind of the source.
   * @default 'GitRepository'
   */
  readonly kind?: string;
  /** Name of the source. */
  readonly name: string;
  /**
   * Namespace of the source.
   * @default - the Kustomizations' namespace
   */
  readonly namespaceName?: string;
}

/** Flux settings. */
export interface GitpodFluxOptions {
  /**
   * Where the cdk8s app's output folder is committed in the repository Flux reads, e.g.
   * `./clusters/prod/gitpod-networking`. Each chart is a folder in it (the app needs
   * `yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE`).
   */
  readonly repositoryPath: string;
  /**
   * The source the Kustomizations read.
   * @default { kind: 'GitRepository', name: 'flux-system' }
   */
  readonly sourceRef?: GitpodFluxSourceRef;
  /**
   * Namespace of the two Kustomizations.
   * @default 'flux-system'
   */
  readonly namespaceName?: string;
  /**
   * How often Flux reconciles the Kustomizations and HelmReleases (a Go duration).
   * @default '10m'
   */
  readonly interval?: string;
  /**
   * How long the issuer Kustomization waits for the issuers and the certificate to be ready (`spec.timeout`).
   *
   * It waits (`spec.wait`) until the certificate is issued, and only then is it `Ready`: a DNS-01
   * challenge right after a fresh delegation can take many minutes.
   * @default '30m'
   */
  readonly readyTimeout?: string;
}

/** Argo CD settings. */
export interface GitpodArgoCdOptions {
  /**
   * Argo CD's namespace, where the `Application`s live.
   * @default 'argocd'
   */
  readonly namespaceName?: string;
  /**
   * The Argo CD project of the `Application`s.
   * @default 'default'
   */
  readonly project?: string;
  /**
   * The cluster the charts are installed into.
   * @default 'https://kubernetes.default.svc'
   */
  readonly destinationServer?: string;
}

/** Properties of `GitpodGitOps`. */
export interface GitpodGitOpsProps {
  /**
   * The zone and identities, from the cloud side: `GitpodDnsZone.fromOutputsFile(...)` reads the
   * hand-over of a `GitpodDnsIdentities`; `GitpodDnsZone.fromAttributes(...)` takes literals.
   */
  readonly zone: IGitpodDnsZone;
  /** Flux or Argo CD. */
  readonly flavor: GitOpsFlavor;
  /**
   * The issuer and certificate (`GitpodIssuer`): the ACME account's e-mail, or the internal CA.
   * An External Account Binding in the zone's hand-over is used unless one is given here.
   */
  readonly issuer: GitpodIssuerOptions;
  /**
   * cert-manager and trust-manager, as `GitpodCertManager` takes them.
   * @default - the defaults of GitpodCertManager
   */
  readonly certManager?: GitpodCertManagerOptions;
  /**
   * external-dns, as `GitpodExternalDns` takes it.
   * @default - the defaults of GitpodExternalDns
   */
  readonly externalDns?: GitpodExternalDnsOptions;
  /**
   * Install external-dns.
   * @default true
   */
  readonly installExternalDns?: boolean;
  /**
   * Flux settings (required with `GitOpsFlavor.FLUX`).
   * @default - none
   */
  readonly flux?: GitpodFluxOptions;
  /**
   * Argo CD settings.
   * @default - the defaults of GitpodArgoCdOptions
   */
  readonly argoCd?: GitpodArgoCdOptions;
}

/**
 * The whole cluster side for a GitOps repository, from a plain cdk8s app (no Terraform): the
 * pinned cert-manager, trust-manager and external-dns charts with exactly the values the Terraform
 * constructs install, their namespaces, and the issuer and certificate (a `GitpodIssuer` chart),
 * ordered so that the first sync succeeds:
 *
 * - Flux: `HelmRepository` + `HelmRelease` objects in this chart; a second chart `<id>-flux` with two
 *   `Kustomization`s, the issuer's `dependsOn` the releases', whose health checks wait for the
 *   HelmReleases (cert-manager's CRDs and webhook). Point your cluster's Flux at `<id>-flux`.
 * - Argo CD: one `Application` per chart and sync waves: namespaces, then the charts, then the
 *   issuer and certificate with `SkipDryRunOnMissingResource=true`. Point an Application at the
 *   app's output folder (see the README for the health check that makes waves wait).
 *
 * No credential is written: keyless identities need none, and a credential Secret (a key mode, a
 * Cloudflare token) is created by the cloud side (`GitpodDnsIdentities`); these objects only name it.
 */
export class GitpodGitOps extends Chart {
  /** The issuer and certificate chart (`<id>-issuer`). */
  public readonly issuer: GitpodIssuer;
  /**
   * The Flux Kustomizations chart (`<id>-flux`), with `GitOpsFlavor.FLUX`.
   * @default - none
   */
  public readonly fluxKustomizations?: Chart;
  /** Each release's values, by release name: the same as the Terraform constructs install. */
  public readonly releaseValues: { [releaseName: string]: { [key: string]: any } };

  constructor(scope: Construct, id: string, props: GitpodGitOpsProps) {
    super(scope, id, { disableResourceNameHashes: true });
    const zone = props?.zone;
    if (!zone?.cloud || typeof zone.cloud.workloadValues !== 'function') {
      invalid('GitpodGitOps.zone', 'GitpodDnsZone.fromOutputsFile(...) or GitpodDnsZone.fromAttributes(...)', zone);
    }
    if (props.flavor === undefined) invalid('GitpodGitOps.flavor', 'GitOpsFlavor.FLUX or GitOpsFlavor.ARGO_CD', props.flavor);
    const flavor = validateEnum('GitpodGitOps.flavor', props.flavor, GitOpsFlavor, 'GitOpsFlavor', GitOpsFlavor.FLUX);
    if (flavor === GitOpsFlavor.FLUX && !props.flux) invalid('GitpodGitOps.flux', '{ repositoryPath } with GitOpsFlavor.FLUX (where the output folder is committed)', props.flux);

    // The releases, from the same builders as GitpodExternalDns and GitpodCertManager.
    const releases: ReleaseSpec[] = [];
    const terraformNamespaces = new Set<string>();
    const workloadConfig = (workload: DnsWorkload, property: string, names: WorkloadNames, options: Partial<WorkloadNames>): DnsWorkloadConfig => {
      const ref = workload === DnsWorkload.EXTERNAL_DNS ? zone.externalDns : zone.certManager;
      const checked = matchHandover(property, names, options, ref);
      if (ref?.credentialsSecretName) terraformNamespaces.add(checked.namespaceName);
      return zone.cloud.workloadValues({
        workload, domain: zone.domain, zoneName: zone.zoneName, zoneId: zone.literalZoneId, identity: ref?.identity, ...checked,
      });
    };
    const certManagerOptions = props.certManager ?? {};
    const cmNames = workloadNames('GitpodGitOps.certManager', DnsWorkload.CERT_MANAGER, defaultNames(certManagerOptions, zone.certManager));
    // The cloud side made the EAB Secret in cert-manager's namespace: the namespace is its.
    if (zone.externalAccountBinding) terraformNamespaces.add(cmNames.namespaceName);
    releases.push(...certManagerReleases('GitpodGitOps.certManager', { ...certManagerOptions, ...cmNames },
      workloadConfig(DnsWorkload.CERT_MANAGER, 'GitpodGitOps.certManager', cmNames, certManagerOptions)));
    if (validateBoolean('GitpodGitOps.installExternalDns', props.installExternalDns, true)) {
      const edOptions = props.externalDns ?? {};
      const edNames = workloadNames('GitpodGitOps.externalDns', DnsWorkload.EXTERNAL_DNS, defaultNames(edOptions, zone.externalDns));
      releases.push(externalDnsRelease('GitpodGitOps.externalDns', { ...edOptions, ...edNames }, zone.domain,
        workloadConfig(DnsWorkload.EXTERNAL_DNS, 'GitpodGitOps.externalDns', edNames, edOptions)));
    } else if (props.externalDns !== undefined) {
      invalid('GitpodGitOps.installExternalDns', 'true (or unset) when externalDns is set', props.installExternalDns);
    }
    this.releaseValues = Object.fromEntries(releases.map((r) => [r.releaseName, r.values]));

    const waves = flavor === GitOpsFlavor.ARGO_CD;
    // Namespaces first. One the cloud side created (it holds a credential Secret) stays the cloud side's.
    for (const namespace of new Set(releases.map((r) => r.namespace))) {
      if (!terraformNamespaces.has(namespace)) {
        // Survives a prune: cert-manager's namespace holds Gitpod's CA and the ACME account keys.
        this.object(`namespace-${namespace}`, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, annotations: { ...KEEP_WHEN_PRUNED } } }, waves ? WAVE.namespaces : undefined);
      }
    }
    for (const release of releases) {
      if (release.configSecret) {
        // Configuration only (e.g. azure.json: tenant, subscription, resource group), no credential.
        this.object(`config-${release.releaseName}`, {
          apiVersion: 'v1',
          kind: 'Secret',
          type: 'Opaque',
          metadata: { name: release.configSecret.name, namespace: release.namespace },
          stringData: release.configSecret.data,
        }, waves ? WAVE.config : undefined);
      }
    }
    if (flavor === GitOpsFlavor.FLUX) this.fluxReleases(releases, props.flux!);
    else this.argoApplications(releases, props.argoCd ?? {});

    this.issuer = new GitpodIssuer(scope, `${id}-issuer`, {
      ...props.issuer,
      zone,
      externalAccountBinding: props.issuer?.externalAccountBinding ?? zone.externalAccountBinding,
    });
    if (waves) {
      // After the charts, one wave per stage of the chain (issuer before certificate, a CA before
      // the issuer on it); the CRDs may not exist yet when Argo CD dry-runs the sync.
      const objects = this.issuer.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
      for (const namespace of objects.filter((o) => o.kind === 'Namespace')) namespace.metadata.addAnnotation('argocd.argoproj.io/sync-wave', WAVE.namespaces);
      stagesOf(objects.filter((o) => o.kind !== 'Namespace'), (o) => o.toJson()).forEach((stage, i) => {
        for (const object of stage) {
          object.metadata.addAnnotation('argocd.argoproj.io/sync-wave', String(WAVE.issuer + i));
          object.metadata.addAnnotation('argocd.argoproj.io/sync-options', 'SkipDryRunOnMissingResource=true');
        }
      });
    } else {
      this.fluxKustomizations = this.fluxOrder(scope, id, releases, props.flux!);
    }
  }

  private object(id: string, manifest: { [key: string]: any }, wave?: string): ApiObject {
    const object = new ApiObject(this, id, manifest as any);
    if (wave !== undefined) object.metadata.addAnnotation('argocd.argoproj.io/sync-wave', wave);
    return object;
  }

  /** A HelmRepository per namespace and repository, and a HelmRelease per release. */
  private fluxReleases(releases: ReleaseSpec[], flux: GitpodFluxOptions): void {
    const interval = fluxInterval(flux);
    const repositories = new Map<string, string>();
    for (const release of releases) {
      const key = `${release.namespace} ${release.chart.repository}`;
      if (!repositories.has(key)) {
        const name = repositoryName(release.chart.repository);
        repositories.set(key, name);
        const oci = release.chart.repository.startsWith('oci://');
        this.object(`repository-${release.namespace}-${name}`, {
          apiVersion: 'source.toolkit.fluxcd.io/v1',
          kind: 'HelmRepository',
          metadata: { name, namespace: release.namespace },
          spec: { interval, url: release.chart.repository, ...(oci ? { type: 'oci' } : {}) },
        });
      }
      this.object(`release-${release.releaseName}`, {
        apiVersion: 'helm.toolkit.fluxcd.io/v2',
        kind: 'HelmRelease',
        metadata: { name: release.releaseName, namespace: release.namespace },
        spec: {
          interval,
          releaseName: release.releaseName,
          chart: { spec: { chart: release.chart.chart, version: release.chart.version, sourceRef: { kind: 'HelmRepository', name: repositories.get(key)! } } },
          // As `helm upgrade --atomic --wait`: roll back a failed install or upgrade.
          install: { remediation: { retries: 3 } },
          upgrade: { remediation: { retries: 3, remediateLastFailure: true } },
          // The release it waits for is in the same namespace (trust-manager after cert-manager).
          ...(release.after ? { dependsOn: [{ name: release.after, namespace: release.namespace }] } : {}),
          values: release.values,
        },
      });
    }
  }

  /** The two Kustomizations: the issuer waits for the HelmReleases to be ready. */
  private fluxOrder(scope: Construct, id: string, releases: ReleaseSpec[], flux: GitpodFluxOptions): Chart {
    const path = repositoryPath('GitpodGitOps.flux.repositoryPath', flux.repositoryPath);
    const readyTimeout = validateDuration('GitpodGitOps.flux.readyTimeout', flux.readyTimeout, '30m');
    const namespace = validateDnsLabel('GitpodGitOps.flux.namespaceName', flux.namespaceName ?? 'flux-system');
    const sourceRef = {
      kind: flux.sourceRef?.kind ?? 'GitRepository',
      name: validateDnsLabel('GitpodGitOps.flux.sourceRef.name', flux.sourceRef?.name ?? 'flux-system'),
      ...(flux.sourceRef?.namespaceName ? { namespace: validateDnsLabel('GitpodGitOps.flux.sourceRef.namespaceName', flux.sourceRef.namespaceName) } : {}),
    };
    const interval = fluxInterval(flux);
    const chart = new Chart(scope, `${id}-flux`, { disableResourceNameHashes: true });
    const folder = (c: Chart) => `${path}/${Names.toDnsLabel(c)}`;
    const releasesName = `${id}-releases`;
    new ApiObject(chart, 'releases', {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name: releasesName, namespace },
      spec: {
        interval,
        path: folder(this),
        prune: true,
        sourceRef,
        timeout: '10m',
        // Ready only when the charts are installed: cert-manager's CRDs and webhook answer.
        healthChecks: releases.map((r) => ({ apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', name: r.releaseName, namespace: r.namespace })),
      },
    } as any);
    new ApiObject(chart, 'issuer', {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name: `${id}-issuer`, namespace },
      spec: {
        interval,
        path: folder(this.issuer),
        prune: true,
        sourceRef,
        dependsOn: [{ name: releasesName }],
        // Ready only when every object is: the issuers registered, the certificate issued.
        wait: true,
        timeout: readyTimeout,
        healthCheckExprs: CERT_MANAGER_HEALTH,
      },
    } as any);
    // Flux applies folders: each chart needs one of its own, under its stable name.
    chart.node.addValidation({
      validate: () => {
        const app = App.of(chart);
        if (app.yamlOutputType !== YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE) {
          return ['GitpodGitOps with GitOpsFlavor.FLUX: expected an App with yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE (each Kustomization applies one folder), got another output type'];
        }
        const dependent = app.charts.filter((c) => c.node.dependencies.length > 0 || c.node.scope instanceof Chart);
        return dependent.length === 0 ? [] : [`GitpodGitOps with GitOpsFlavor.FLUX: expected charts without dependencies between them (cdk8s then numbers the folders and the Kustomization paths would not match), got dependencies on ${dependent.map((c) => c.node.path).join(', ')}`];
      },
    });
    return chart;
  }

  /** One Application per release, in waves: cert-manager and external-dns, then trust-manager. */
  private argoApplications(releases: ReleaseSpec[], argoCd: GitpodArgoCdOptions): void {
    const namespace = validateDnsLabel('GitpodGitOps.argoCd.namespaceName', argoCd.namespaceName ?? 'argocd');
    const project = argoCd.project ?? 'default';
    const server = argoCd.destinationServer ?? 'https://kubernetes.default.svc';
    if (!/^https:\/\/\S+$/.test(server)) invalid('GitpodGitOps.argoCd.destinationServer', 'the https URL of a cluster Argo CD knows', server);
    for (const release of releases) {
      const oci = release.chart.repository.startsWith('oci://');
      this.object(`application-${release.releaseName}`, {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: { name: release.releaseName, namespace },
        spec: {
          project,
          source: {
            // Argo CD names an OCI Helm registry without its scheme.
            repoURL: oci ? release.chart.repository.slice('oci://'.length) : release.chart.repository,
            chart: release.chart.chart,
            targetRevision: release.chart.version,
            helm: { releaseName: release.releaseName, valuesObject: release.values },
          },
          destination: { server, namespace: release.namespace },
          syncPolicy: {
            automated: { prune: true, selfHeal: true },
            // Server-side apply: cert-manager's CRDs are too large for a client-side apply's annotation.
            // A chart whose own objects need cert-manager's CRDs (trust-manager) retries until they exist.
            syncOptions: ['ServerSideApply=true', ...(release.after ? ['SkipDryRunOnMissingResource=true'] : [])],
            retry: { limit: 10, backoff: { duration: '30s', factor: 2, maxDuration: '10m' } },
          },
        },
      }, release.after ? WAVE.dependentCharts : WAVE.charts);
    }
  }
}

interface WorkloadNames {
  readonly namespaceName: string;
  readonly serviceAccountName: string;
}

/**
 * cert-manager's objects are ready when their Ready condition is True. Flux's generic check
 * (kstatus) takes an object without conditions for ready, so a certificate applied a moment ago
 * would pass before it is issued: these expressions wait for the condition itself (an expression
 * that fails because `status` is not there yet keeps Flux waiting: kustomize-controller
 * docs/spec/v1/kustomizations.md@v1.9.4, "Health check expressions").
 */
const CERT_MANAGER_HEALTH = ['Certificate', 'ClusterIssuer', 'Issuer'].map((kind) => ({
  apiVersion: 'cert-manager.io/v1',
  kind,
  current: "status.conditions.exists(c, c.type == 'Ready' && c.status == 'True')",
}));

/** Argo CD sync waves, in order. */
const WAVE = { namespaces: '-3', config: '-2', charts: '-1', dependentCharts: '0', issuer: 1 };

/** The namespace and service account: the options', else the hand-over's, else the defaults. */
function defaultNames(options: { namespaceName?: string; serviceAccountName?: string }, ref: GitpodWorkloadReference | undefined) {
  return {
    namespaceName: options.namespaceName ?? ref?.namespaceName,
    serviceAccountName: options.serviceAccountName ?? ref?.serviceAccountName,
  };
}

/** The names a workload installs under must be the ones its cloud identity trusts. */
function matchHandover(
  property: string, names: WorkloadNames, options: Partial<WorkloadNames>, ref: GitpodWorkloadReference | undefined,
): WorkloadNames {
  for (const key of ['namespaceName', 'serviceAccountName'] as const) {
    if (ref && options[key] !== undefined && options[key] !== ref[key]) {
      invalid(`${property}.${key}`, `"${ref[key]}", the ${key === 'namespaceName' ? 'namespace' : 'service account'} the cloud identity trusts (from the zone's hand-over), or leave it unset`, options[key]);
    }
  }
  return names;
}

/**
 * A folder of the repository Flux reads, as its Kustomizations take it: relative to the
 * repository's root (`./clusters/prod/gitpod`), never absolute or leaving the repository.
 */
function repositoryPath(property: string, value: string): string {
  const expected = 'a folder of the repository, relative to its root, e.g. "./clusters/prod/gitpod-networking"';
  requireString(property, value, expected);
  if (value.startsWith('/') || /^[A-Za-z]:/.test(value) || value.includes('\\')) invalid(property, `${expected} (not an absolute path)`, value);
  const parts = value.split('/').filter((p) => p !== '' && p !== '.');
  let depth = 0;
  for (const part of parts) {
    depth += part === '..' ? -1 : 1;
    if (depth < 0) invalid(property, `${expected} (it leaves the repository)`, value);
  }
  if (parts.some((p) => !/^[A-Za-z0-9._-]+$/.test(p))) invalid(property, expected, value);
  return `./${parts.join('/')}`.replace(/\/$/, '');
}

function fluxInterval(flux: GitpodFluxOptions): string {
  return validateDuration('GitpodGitOps.flux.interval', flux.interval, '10m');
}

/** A HelmRepository name from its URL: `charts.jetstack.io` -> `jetstack`. */
function repositoryName(url: string): string {
  const host = url.replace(/^[a-z]+:\/\//, '').split('/')[0];
  const parts = host.split('.').filter((p) => !['www', 'charts', 'github', 'io', 'com', 'org', 'net'].includes(p));
  const name = (parts[parts.length - 1] ?? host).toLowerCase().replace(/[^a-z0-9-]/g, '-');
  return /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(name) ? name.slice(0, 63) : 'charts';
}
