// The only module that names @cdktf/provider-kubernetes: each class is required on first use (src/internal/lazy.ts).
import { providerClass } from '../internal/lazy';

const PKG = '@cdktf/provider-kubernetes';

export const Manifest = providerClass<typeof import('@cdktf/provider-kubernetes/lib/manifest').Manifest>(PKG, 'The Terraform side of cdk-gitpod-networking', 'manifest', 'Manifest');
export const NamespaceV1 = providerClass<typeof import('@cdktf/provider-kubernetes/lib/namespace-v1').NamespaceV1>(PKG, 'The Terraform side of cdk-gitpod-networking', 'namespace-v1', 'NamespaceV1');
export const SecretV1 = providerClass<typeof import('@cdktf/provider-kubernetes/lib/secret-v1').SecretV1>(PKG, 'The Terraform side of cdk-gitpod-networking', 'secret-v1', 'SecretV1');
