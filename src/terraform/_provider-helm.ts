// The only module that names @cdktf/provider-helm: each class is required on first use (src/internal/lazy.ts).
import { providerClass } from '../internal/lazy';

const PKG = '@cdktf/provider-helm';

export const Release = providerClass<typeof import('@cdktf/provider-helm/lib/release').Release>(PKG, 'GitpodExternalDns and GitpodCertManager', 'release', 'Release');
