import type { IAspect } from 'cdktf';
import { IConstruct } from 'constructs';
import { GitpodCertManager } from './gitpod-cert-manager';
import { GitpodDnsZone } from './gitpod-dns-zone';
import { GitpodExternalDns } from './gitpod-external-dns';
import { AzureDns, AzureDnsIdentity } from '../dns/azure/azure-dns';
import { cdktf } from '../internal/lazy';
import { WORKSPACE_NODE_LABELS } from '../releases/_releases';

/** True if the values' (controller's) affinity requires nodes without Gitpod's workspace labels. */
function keepsOffWorkspaceNodes(values: { [key: string]: any }): boolean {
  const terms = values.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  const excluded = (term: any, key: string) => (term.matchExpressions ?? []).some((e: any) => e.key === key && e.operator === 'DoesNotExist');
  return terms.length > 0 && terms.every((term: any) => WORKSPACE_NODE_LABELS.every((key) => excluded(term, key)));
}

/**
 * Checks a stack against the reference architecture's cluster requirements. Add it with
 * `Aspects.of(stack).add(new GitpodReferenceChecks())`.
 *
 * - Error: a GKE cluster in the stack uses Dataplane V2 (`datapath_provider = ADVANCED_DATAPATH`,
 *   or Autopilot, which always does). Gitpod supports Calico only.
 * - Warning: cert-manager is not installed in namespace `cert-manager`, where Gitpod puts its own
 *   CA certificate (`gitpod-trust-anchor`).
 * - Warning: DNS rights could reach Gitpod's workspace nodes, which run other people's code: the
 *   Azure kubelet identity (every pod on every node may change the zone), or cert-manager or
 *   external-dns allowed onto workspace nodes (`scheduling: { avoidWorkspaceNodes: false }`).
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
    if (node instanceof GitpodDnsZone && node.cloud instanceof AzureDns && node.cloud.identity === AzureDnsIdentity.KUBELET_IDENTITY) {
      Annotations.of(node).addWarning(
        'The zone is changed through the AKS kubelet identity: every pod on every node, Gitpod workspaces included, ' +
        'can change its records. Prefer AzureDnsIdentity.WORKLOAD_IDENTITY (the default).',
      );
    }
    if ((node instanceof GitpodCertManager || node instanceof GitpodExternalDns) && !keepsOffWorkspaceNodes(node.values)) {
      Annotations.of(node).addWarning(
        `${node instanceof GitpodCertManager ? 'cert-manager' : 'external-dns'} may run on Gitpod's workspace nodes, which run other people's code, ` +
        'with credentials that change your DNS: keep scheduling.avoidWorkspaceNodes (the default) or pin it to other nodes.',
      );
    }
    if (node instanceof GitpodCertManager && node.namespaceName !== 'cert-manager') {
      Annotations.of(node).addWarning(
        `cert-manager is installed in namespace "${node.namespaceName}". Gitpod puts its CA certificate into ` +
        'namespace "cert-manager" (installer option experimental.webapp.certmanagerNamespaceOverride changes that).',
      );
    }
  }
}
