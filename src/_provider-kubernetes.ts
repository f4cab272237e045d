// The only module that imports @cdktf/provider-kubernetes; loaded on first use through `_lazy.ts`.
export { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
export { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
export { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
