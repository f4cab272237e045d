// Loads the optional peer dependencies on first use. Requiring cdk-gitpod-networking loads neither
// cdktf nor any provider package: a Google Cloud app never loads the AWS or Azure providers, and a
// cdk8s app (the GitOps path) never loads cdktf at all. See the README's design notes.
import type * as cdktfModule from 'cdktf';
import type * as helmModule from './_provider-helm';
import type * as kubernetesModule from './_provider-kubernetes';

/**
 * Returns a loader for `pkg` that requires it once, on first call. A missing package fails with an
 * error naming the package and the version range to install, instead of a MODULE_NOT_FOUND trace.
 */
export function optionalPeer<T>(pkg: string, usedBy: string, load: () => T): () => T {
  let loaded: T | undefined;
  return () => {
    if (loaded === undefined) {
      try {
        loaded = load();
      } catch (e: any) {
        if (e?.code === 'MODULE_NOT_FOUND' && String(e.message).includes(`'${pkg}`)) {
          throw new Error(`${usedBy} needs the npm package ${pkg}, which is not installed: npm install ${pkg}@"${peerRange(pkg)}"`);
        }
        throw e;
      }
    }
    return loaded;
  };
}

/** The version range of a peer dependency, from this package's own package.json. */
function peerRange(pkg: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../package.json').peerDependencies?.[pkg] ?? '*';
}

/* eslint-disable @typescript-eslint/no-require-imports */
/** cdktf, for the cloud side (Terraform). */
export const cdktf = optionalPeer<typeof cdktfModule>('cdktf', 'The Terraform side of cdk-gitpod-networking', () => require('cdktf'));
/** The Helm provider's classes. */
export const helmProvider = optionalPeer<typeof helmModule>('@cdktf/provider-helm', 'GitpodExternalDns and GitpodCertManager', () => require('./_provider-helm'));
/** The Kubernetes provider's classes. */
export const kubernetesProvider = optionalPeer<typeof kubernetesModule>('@cdktf/provider-kubernetes', 'The Terraform side of cdk-gitpod-networking', () => require('./_provider-kubernetes'));
/* eslint-enable @typescript-eslint/no-require-imports */
