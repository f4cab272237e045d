/** Tags (labels on Google Cloud) on every cloud resource this library creates that takes them. */
export const GITPOD_TAGS: { [key: string]: string } = { 'app': 'gitpod', 'managed-by': 'cdk-gitpod-networking' };
