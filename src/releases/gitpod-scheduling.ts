/** A toleration, as in a pod spec. */
export interface GitpodToleration {
  /**
   * The taint key.
   * @default - every key (with tolerationOperator Exists)
   */
  readonly key?: string;
  /**
   * `Exists` or `Equal` (the toleration's `operator`).
   * @default 'Equal'
   */
  readonly tolerationOperator?: string;
  /**
   * The taint value, with tolerationOperator `Equal`.
   * @default - none
   */
  readonly value?: string;
  /**
   * `NoSchedule`, `PreferNoSchedule` or `NoExecute`.
   * @default - every effect
   */
  readonly effect?: string;
  /**
   * How long a `NoExecute` toleration lasts, in seconds.
   * @default - forever
   */
  readonly tolerationSeconds?: number;
}

/**
 * Where the pods of cert-manager (controller, webhook, cainjector, startupapicheck), trust-manager
 * and external-dns may run. They hold the only credentials that can change the company's DNS,
 * and a Gitpod cluster runs other people's code on its workspace nodes.
 */
export interface GitpodScheduling {
  /**
   * A required node affinity that keeps every pod off Gitpod's workspace nodes: nodes labelled
   * `gitpod.io/workload_workspace_regular` or `gitpod.io/workload_workspace_headless` (the Gitpod
   * installer's labels, `install/installer/pkg/cluster/affinity.go`). Unlabelled nodes stay
   * eligible, so nothing hangs on a cluster whose other nodes carry no Gitpod label.
   * @default true
   */
  readonly avoidWorkspaceNodes?: boolean;
  /**
   * Run only on Gitpod's meta nodes (`gitpod.io/workload_meta`).
   * @default false
   */
  readonly metaNodesOnly?: boolean;
  /**
   * Your own node selector, for every pod.
   * @default - none
   */
  readonly nodeSelector?: { [label: string]: string };
  /**
   * Tolerations, for every pod.
   * @default - none
   */
  readonly tolerations?: GitpodToleration[];
  /**
   * A priority class, for every pod.
   * @default - none
   */
  readonly priorityClassName?: string;
}
