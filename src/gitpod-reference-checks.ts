import type { IAspect } from 'cdktf';
import { IConstruct } from 'constructs';
import { cdktf } from './_lazy';
import { GitpodCertManager } from './gitpod-cert-manager';

/**
 * Checks a stack against the reference architecture's cluster requirements. Add it with
 * `Aspects.of(stack).add(new GitpodReferenceChecks())`.
 *
 * - Error: a GKE cluster in the stack uses Dataplane V2 (`datapath_provider = ADVANCED_DATAPATH`,
 *   or Autopilot, which always does). Gitpod supports Calico only.
 * - Warning: cert-manager is not installed in namespace `cert-manager`, where Gitpod puts its own
 *   CA certificate (`gitpod-trust-anchor`).
 */
export class GitpodReferenceChecks implements IAspect {
  public visit(node: IConstruct): void {
    const { Annotations, TerraformResource } = cdktf();
    if (TerraformResource.isTerraformResource(node) && node.terraformResourceType === 'google_container_cluster') {
      const config = Object.values((node.toTerraform() as any).resource.google_container_cluster)[0] as any;
      if (config.datapath_provider === 'ADVANCED_DATAPATH' || config.enable_autopilot === true) {
        Annotations.of(node).addError(
          'Gitpod supports Calico only, not GKE Dataplane V2: leave `datapathProvider` unset or `LEGACY_DATAPATH`, ' +
          'enable Calico with `networkPolicy { enabled = true, provider = CALICO }`, and do not use Autopilot ' +
          '(see the reference architecture, "Cluster ports").',
        );
      }
    }
    if (node instanceof GitpodCertManager && node.namespaceName !== 'cert-manager') {
      Annotations.of(node).addWarning(
        `cert-manager is installed in namespace "${node.namespaceName}". Gitpod puts its CA certificate into ` +
        'namespace "cert-manager" (installer option experimental.webapp.certmanagerNamespaceOverride changes that).',
      );
    }
  }
}
