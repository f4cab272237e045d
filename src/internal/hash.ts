import { createHash } from 'crypto';

/** A short, stable hex digest: the same inputs give the same names at every synth. */
export function shortHash(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 6);
}
