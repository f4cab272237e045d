import { spawnSync } from 'child_process';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');

/**
 * Runs `code` in a fresh Node process that loads the library's TypeScript sources (transpiled on
 * the fly by ts-node, each file's output cached by content: see ts-node-cached.js), as a user's app
 * loads the library: nothing is required yet. `code` ends by printing JSON; the parsed output is
 * returned, or the error output thrown.
 */
export function runInChild(code: string): any {
  const result = spawnSync(process.execPath, ['-r', join(__dirname, 'ts-node-cached.js'), '-e', code], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
  });
  if (result.status !== 0) throw new Error(`child process failed (${result.status}):\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!);
}

/** Code that prints which packages of interest the process has loaded, by package name. */
export const PRINT_LOADED_PACKAGES = `
  const loaded = new Set(Object.keys(require.cache)
    .map((f) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(f)?.[1])
    .filter((p) => p && (p === 'cdktf' || p === 'cdk8s' || p.startsWith('@cdktf/'))));
  console.log(JSON.stringify([...loaded].sort()));
`;
