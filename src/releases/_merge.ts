import { isMap } from '../internal/objects';

/**
 * Deep-merges Helm values the way Helm does: maps merge key by key, everything else (lists
 * included) is replaced by the later value. Later arguments win.
 */
export function mergeValues(...layers: Array<{ [key: string]: any } | undefined>): { [key: string]: any } {
  const out: { [key: string]: any } = {};
  for (const layer of layers) {
    if (!layer) continue;
    for (const [key, value] of Object.entries(layer)) {
      if (value === undefined) continue;
      out[key] = isMap(out[key]) && isMap(value) ? mergeValues(out[key], value) : value;
    }
  }
  return out;
}
