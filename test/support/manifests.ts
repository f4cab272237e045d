import { execFileSync } from 'child_process';
import { join } from 'path';

/**
 * Validates Kubernetes objects against the kubernetes-models schemas and, for cert-manager kinds,
 * the upstream CRDs in strict mode. Throws with every error found.
 */
export function validateManifests(objects: any[]): void {
  try {
    execFileSync(process.execPath, [join(__dirname, 'validate-manifests.mjs')], {
      input: JSON.stringify(objects),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  } catch (e: any) {
    throw new Error(`invalid manifests:\n${e.stderr?.toString() ?? e.message}`);
  }
}
