// How the cluster side re-creates a cloud from the hand-over output: each cloud class registers a
// factory under its `cloudName` when its module loads (which loads no provider package).
import { IGitpodCloud } from './gitpod-cloud';

const FACTORIES = new Map<string, (props: any) => IGitpodCloud>();

export function registerCloud(cloudName: string, factory: (props: any) => IGitpodCloud): void {
  FACTORIES.set(cloudName, factory);
}

/** The cloud named in a hand-over, or an error naming the clouds this library knows. */
export function cloudFromHandover(property: string, cloudName: unknown, props: unknown): IGitpodCloud {
  const factory = typeof cloudName === 'string' ? FACTORIES.get(cloudName) : undefined;
  if (!factory) {
    throw new Error(`${property}: expected one of the clouds ${[...FACTORIES.keys()].map((n) => JSON.stringify(n)).join(', ')}, got ${JSON.stringify(cloudName)}`);
  }
  return factory(props ?? {});
}
