/** Where a Helm chart comes from and which version is installed. */
export interface HelmChartRef {
  /** Chart repository URL. */
  readonly repository: string;
  /** Chart name in the repository. */
  readonly chart: string;
  /** Exact chart version. */
  readonly version: string;
}

/**
 * The upstream official charts, pinned in this one place. Bump a version here, then run the tests:
 * the values the constructs render are checked against that chart's schema.
 */
export class GitpodCharts {
  /**
   * kubernetes-sigs external-dns 1.21.1 (app v0.21.0). The Bitnami chart the reference used lost
   * its free images in 2025, so the official chart is the default.
   */
  public static readonly EXTERNAL_DNS: HelmChartRef = {
    repository: 'https://kubernetes-sigs.github.io/external-dns/',
    chart: 'external-dns',
    version: '1.21.1',
  };

  /** jetstack cert-manager v1.21.1 (its chart versions carry a leading `v`). */
  public static readonly CERT_MANAGER: HelmChartRef = {
    repository: 'https://charts.jetstack.io',
    chart: 'cert-manager',
    version: 'v1.21.1',
  };

  /**
   * jetstack trust-manager v0.24.0, the newest tag of cert-manager/trust-manager. Gitpod
   * installers since 2023-03 render trust-manager `Bundle`s.
   */
  public static readonly TRUST_MANAGER: HelmChartRef = {
    repository: 'https://charts.jetstack.io',
    chart: 'trust-manager',
    version: 'v0.24.0',
  };

  private constructor() {}
}
