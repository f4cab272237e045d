// The only module that imports @cdktf/provider-helm; loaded on first use through `_lazy.ts`.
export { Release } from '@cdktf/provider-helm/lib/release';
