// `npm run bench`: synthesizes the example app (all clouds: Terraform JSON and manifests) and an
// empty cdktf app several times each, and prints wall time and peak memory of each and their ratio.
// Targets: the example within 1.3x the empty app's time and 1.5x its memory.
//
// Both apps run as JavaScript, transpiled once up front: a user's app loads this library compiled,
// so TypeScript compile time is not part of what the library costs at synth.
import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { cpus, tmpdir } from 'os';
import { dirname, join, resolve } from 'path';
import * as ts from 'typescript';

const ROOT = resolve(__dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TARGETS = { time: 1.3, memory: 1.5 };

interface Sample { ms: number; maxRssMiB: number }

const BUILD = mkdtempSync(join(tmpdir(), 'gitpod-bench-build-'));

/** Transpiles src/, example/ and the empty app into BUILD, keeping the layout. */
function transpile(dir: string): void {
  for (const entry of readdirSync(join(ROOT, dir))) {
    const path = join(dir, entry);
    if (statSync(join(ROOT, path)).isDirectory()) {
      transpile(path);
    } else if (path.endsWith('.ts') && !path.endsWith('.d.ts')) {
      const out = ts.transpileModule(readFileSync(join(ROOT, path), 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      });
      const target = join(BUILD, path.replace(/\.ts$/, '.js'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, out.outputText);
    }
  }
}

function run(entry: string): Sample {
  const cwd = mkdtempSync(join(tmpdir(), 'gitpod-bench-'));
  const usageFile = join(cwd, 'usage.json');
  try {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, ['-r', join(ROOT, 'bench/report-usage.js'), join(BUILD, entry)], {
      cwd,
      env: { ...process.env, BENCH_USAGE_FILE: usageFile, NODE_PATH: join(ROOT, 'node_modules'), CDKTF_OUTDIR: join(cwd, 'cdktf.out') },
      encoding: 'utf8',
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) throw new Error(`${entry} failed (${result.status ?? result.signal}):\n${result.stderr}${result.error ?? ''}`);
    const { maxRssKiB } = JSON.parse(readFileSync(usageFile, 'utf8'));
    return { ms, maxRssMiB: maxRssKiB / 1024 };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function measure(entry: string): Sample {
  run(entry); // warm the file system cache
  const samples = Array.from({ length: RUNS }, () => run(entry));
  return { ms: median(samples.map((s) => s.ms)), maxRssMiB: median(samples.map((s) => s.maxRssMiB)) };
}

transpile('src');
transpile('example');
transpile('bench');

// One app per cloud as well: what a user with one cloud actually runs.
const CLOUDS = ['gcp', 'aws', 'azure'];
for (const cloud of CLOUDS) {
  writeFileSync(join(BUILD, `example/only-${cloud}.js`), [
    "const { App } = require('cdktf');",
    "const { GitpodManifestsApp } = require('../src');",
    `const { ${cloud}Example } = require('./${cloud}');`,
    "const app = new App(); const manifests = new GitpodManifestsApp({ outdir: 'dist' });",
    `${cloud}Example(app, manifests); app.synth(); manifests.synth();`,
  ].join('\n'));
}

const empty = measure('bench/empty-app.js');
const example = measure('example/main.js');
const single = Object.fromEntries(CLOUDS.map((cloud) => [cloud, measure(`example/only-${cloud}.js`)]));
rmSync(BUILD, { recursive: true, force: true });
const timeRatio = example.ms / empty.ms;
const memoryRatio = example.maxRssMiB / empty.maxRssMiB;
const verdict = (ratio: number, target: number) => (ratio <= target ? `within ${target}x` : `OVER ${target}x`);

console.log(`synth benchmark, median of ${RUNS} runs (node ${process.version}, ${cpus().length} cores)`);
console.log(`  empty cdktf app     ${empty.ms.toFixed(0).padStart(6)} ms  ${empty.maxRssMiB.toFixed(1).padStart(7)} MiB peak RSS`);
console.log(`  example (3 clouds)  ${example.ms.toFixed(0).padStart(6)} ms  ${example.maxRssMiB.toFixed(1).padStart(7)} MiB peak RSS`);
console.log(`  ratio               ${timeRatio.toFixed(2).padStart(6)} x   ${memoryRatio.toFixed(2).padStart(7)} x`);
for (const [cloud, s] of Object.entries(single)) {
  console.log(`  ${`${cloud} only`.padEnd(18)} ${s.ms.toFixed(0).padStart(6)} ms  ${s.maxRssMiB.toFixed(1).padStart(7)} MiB   (${(s.ms / empty.ms).toFixed(2)}x, ${(s.maxRssMiB / empty.maxRssMiB).toFixed(2)}x)`);
}
console.log(`  example: time ${verdict(timeRatio, TARGETS.time)}, memory ${verdict(memoryRatio, TARGETS.memory)}`);
