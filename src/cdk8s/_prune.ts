// Namespaces that hold what a Gitpod operator cannot afford to lose (Gitpod itself; cert-manager's,
// where Gitpod keeps its CA) must survive a GitOps prune: a moved or deleted file, a renamed chart.

/**
 * Annotations that keep an object when its file moves or goes: Flux's kustomize-controller skips it
 * when it prunes, and Argo CD neither prunes it nor deletes it with its Application.
 */
export const KEEP_WHEN_PRUNED: { readonly [key: string]: string } = {
  'kustomize.toolkit.fluxcd.io/prune': 'disabled',
  'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false',
};
