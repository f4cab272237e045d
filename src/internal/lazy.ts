// Loads the optional peer dependencies on first use. Requiring cdk-gitpod-networking loads neither
// cdktf nor any provider package: a Google Cloud app never loads the AWS or Azure providers, and a
// cdk8s app (the GitOps path) never loads cdktf at all. See the README's design notes.
import type * as cdktfModule from 'cdktf';

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
  return require('../../package.json').peerDependencies?.[pkg] ?? '*';
}

/**
 * A loader for one class of a provider package, by its deep path (`lib/<module>`): each class is
 * required on first use, so an installation loads only the resource types it creates.
 */
export function providerClass<T>(pkg: string, usedBy: string, module: string, name: string): () => T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return optionalPeer<T>(pkg, usedBy, () => require(`${pkg}/lib/${module}`)[name]);
}

/** cdktf, for the cloud side (Terraform). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const cdktf = optionalPeer<typeof cdktfModule>('cdktf', 'The Terraform side of cdk-gitpod-networking', () => require('cdktf'));
