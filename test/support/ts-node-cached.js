// `node -r` this file to load TypeScript sources as `-r ts-node/register/transpile-only` does,
// with each file's JavaScript kept in node_modules/.cache (test/support/child.ts starts its
// processes with it). ts-node compiles a file on a cache miss; on a hit neither ts-node nor the
// TypeScript compiler is loaded, which were most of a fresh process's start.
//
// The cache key is everything the output depends on: the versions of ts-node and TypeScript, the
// tsconfig.json ts-node reads (the repository's, found from the working directory), the file's
// path and its text. A changed source is a new key, never a stale hit.
'use strict';
const { createHash } = require('crypto');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('fs');
const { join, sep } = require('path');

const ROOT = join(__dirname, '..', '..');
const CACHE = join(ROOT, 'node_modules', '.cache', 'cdk-gitpod-networking', 'ts-node-transpiled');
const SALT = JSON.stringify([
  require('ts-node/package.json').version,
  require('typescript/package.json').version,
  readFileSync(join(process.cwd(), 'tsconfig.json'), 'utf8'),
]);

let service;
const loadJs = require.extensions['.js'];

require.extensions['.ts'] = function loadTs(module, filename) {
  // Like ts-node, which leaves files under node_modules to Node.
  if (filename.includes(`${sep}node_modules${sep}`)) return loadJs(module, filename);
  const source = readFileSync(filename, 'utf8');
  const key = createHash('sha256').update(SALT).update('\0').update(filename).update('\0').update(source).digest('hex');
  const cached = join(CACHE, `${key}.js`);
  let js;
  try {
    js = readFileSync(cached, 'utf8');
  } catch {
    service ??= require('ts-node').create({ transpileOnly: true });
    js = service.compile(source, filename);
    mkdirSync(CACHE, { recursive: true });
    // Written under a temporary name and renamed: a parallel process never reads half a file.
    const partial = `${cached}.${process.pid}.partial`;
    writeFileSync(partial, js);
    renameSync(partial, cached);
  }
  module._compile(js, filename);
};
