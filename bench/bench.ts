// `npm run bench`: what the library costs a user, printed as figures (no timed tests).
//
// 1. Synth: the example app (three clouds) and one app per cloud against an empty cdktf app and
//    against the same app written by hand (bench/handwritten/: the same Terraform with plain cdktf,
//    checked resource by resource first). The library as npm ships it (lib/, compiled by jsii, its
//    source maps included), the apps as JavaScript transpiled once up front. Targets: each
//    one-cloud app within 1.3x the empty app's wall time and 1.5x its memory, three clouds 1.5x;
//    within 1.2x the hand-written app's wall time and 1.15x its memory. A hand-written app whose
//    Terraform differs from the library's fails the bench.
// 2. The `values` check at synth: its first call (which loads the chart's schema) and later calls.
// 3. The install: the library packed with `npm pack`, installed into a fresh app with the README's
//    install line for each cloud (and for a GitOps app), from the local npm cache; the installed
//    size and the @cdktf/provider-* packages it holds. Target: no other cloud's provider. Skip it
//    with BENCH_INSTALL=0.
import { execFileSync, spawnSync } from 'child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { cpus, tmpdir } from 'os';
import { dirname, join, resolve } from 'path';
import * as ts from 'typescript';
import { compareApps, readApp } from './same-terraform';

const ROOT = resolve(__dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TARGETS = { oneCloudTime: 1.3, threeCloudsTime: 1.5, memory: 1.5, byHandTime: 1.2, byHandMemory: 1.15 };

interface Sample { ms: number; cpuMs: number; maxRssMiB: number }

const BUILD = mkdtempSync(join(tmpdir(), 'gitpod-bench-build-'));

/** Transpiles a folder into BUILD, keeping the layout. */
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

/** Runs an app in a fresh folder; `inspect` sees the folder (cdktf.out/ and the rest) before it goes. */
function run(entry: string, inspect?: (cwd: string) => void): Sample {
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
    const { maxRssKiB, cpuMicros } = JSON.parse(readFileSync(usageFile, 'utf8'));
    inspect?.(cwd);
    return { ms, cpuMs: cpuMicros / 1000, maxRssMiB: maxRssKiB / 1024 };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * RUNS samples of each entry, taken round by round (every entry once per round), so that a slow
 * spell of a shared machine hits all entries alike rather than one of them.
 */
function measure(entries: string[]): Sample[][] {
  entries.forEach((entry) => run(entry)); // warm the file system cache
  const samples = entries.map((): Sample[] => []);
  for (let round = 0; round < RUNS; round++) entries.forEach((entry, i) => samples[i].push(run(entry)));
  return samples;
}

type Figure = keyof Sample;
const FIGURES: Figure[] = ['ms', 'cpuMs', 'maxRssMiB'];
const medianOf = (s: Sample[]): Sample => Object.fromEntries(FIGURES.map((f) => [f, median(s.map((x) => x[f]))])) as unknown as Sample;
/** The median of the per-round ratios a/b of each figure: paired, so a slow round cancels out. */
const ratioOf = (a: Sample[], b: Sample[]): Sample =>
  Object.fromEntries(FIGURES.map((f) => [f, median(a.map((x, i) => x[f] / b[i][f]))])) as unknown as Sample;

/** Judged on the ratio as printed (two decimals), so that a printed 1.20x is never OVER 1.2x. */
const verdict = (ratio: number, target: number) => (Number(ratio.toFixed(2)) <= target ? `within ${target}x` : `OVER ${target}x`);

/**
 * Synthesizes each library app and its hand-written twin once and compares their Terraform; prints
 * the verdicts, and marks the bench failed (exit code 1) where they differ.
 */
function checkHandWritten(pairs: Array<[string, string, string]>): void {
  console.log('hand-written apps (bench/handwritten/) against the library\'s: the same Terraform, modulo logical ids?');
  for (const [name, library, hand] of pairs) {
    let libraryApp: ReturnType<typeof readApp> = {};
    let handApp: ReturnType<typeof readApp> = {};
    run(library, (cwd) => libraryApp = readApp(join(cwd, 'cdktf.out')));
    run(hand, (cwd) => handApp = readApp(join(cwd, 'cdktf.out')));
    const result = compareApps(libraryApp, handApp);
    if (result.same) {
      console.log(`  ${name.padEnd(28)} same: ${result.summary}`);
    } else {
      process.exitCode = 1;
      console.log(`  ${name.padEnd(28)} DIFFERENT (resource types and counts ${result.sameCounts ? 'equal' : 'differ'}): update ${hand.replace(/\.js$/, '.ts')}; the ratios below compare unlike apps`);
      for (const d of result.differences) console.log(`    ${d}`);
    }
  }
}

/** Compiles the library with jsii into lib/, as it is published (once per bench run). */
let compiled = false;
function compileLibrary(): void {
  if (!compiled) execFileSync('npx', ['jsii', '--silence-warnings=reserved-word'], { cwd: ROOT, stdio: 'ignore' });
  compiled = true;
}

function synthBenchmark(): void {
  // The library's JavaScript as published, where the example apps import it from (../src).
  compileLibrary();
  cpSync(join(ROOT, 'lib'), join(BUILD, 'src'), { recursive: true, filter: (path) => !path.endsWith('.d.ts') });
  transpile('example');
  transpile('bench');
  // The library reads its vendored chart data (values check) and package.json (error messages).
  cpSync(join(ROOT, 'upstream'), join(BUILD, 'upstream'), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(BUILD, 'package.json'));
  // One app per cloud: what a user with one cloud actually runs.
  for (const cloud of ['gcp', 'aws', 'azure']) {
    writeFileSync(join(BUILD, `example/only-${cloud}.js`), [
      "const { App } = require('cdktf');",
      "const { GitpodManifestsApp } = require('../src');",
      `const { ${cloud}Example } = require('./${cloud}');`,
      "const app = new App(); const manifests = new GitpodManifestsApp({ outdir: 'dist' });",
      `${cloud}Example(app, manifests); app.synth(); manifests.synth();`,
    ].join('\n'));
  }

  // The same apps written by hand.
  for (const cloud of ['gcp', 'aws', 'azure']) {
    writeFileSync(join(BUILD, `bench/handwritten/only-${cloud}.js`), [
      "const { App } = require('cdktf');",
      `const { ${cloud}ByHand } = require('./${cloud}');`,
      `const app = new App(); ${cloud}ByHand(app); app.synth();`,
    ].join('\n'));
  }

  // [name, library app, hand-written app, time target vs the empty app]
  const apps: Array<[string, string, string, number]> = [
    ...['gcp', 'aws', 'azure'].map((cloud): [string, string, string, number] =>
      [`${cloud} only`, `example/only-${cloud}.js`, `bench/handwritten/only-${cloud}.js`, TARGETS.oneCloudTime]),
    ['example (3 clouds + GitOps)', 'example/main.js', 'bench/handwritten/main.js', TARGETS.threeCloudsTime],
  ];
  checkHandWritten(apps.map(([name, library, hand]) => [name, library, hand]));

  const [empty, ...samples] = measure(['bench/empty-app.js', ...apps.map(([, library]) => library), ...apps.map(([, , hand]) => hand)]);
  const library = samples.slice(0, apps.length);
  const hand = samples.slice(apps.length);
  console.log(`synth, median of ${RUNS} runs taken round by round (node ${process.version}, ${cpus().length} cores); CPU = user + system time of the process;`);
  console.log('a ratio is the median of the per-round ratios (each run against the other app\'s run of the same round)');
  const W = 36;
  const figures = (s: Sample) => `${s.ms.toFixed(0).padStart(6)} ms ${s.cpuMs.toFixed(0).padStart(6)} ms ${s.maxRssMiB.toFixed(1).padStart(6)} MiB`;
  const ratios = (r: Sample) => [r.ms, r.cpuMs, r.maxRssMiB].map((x) => `${x.toFixed(2)}x`.padStart(7)).join('');
  console.log(`  ${''.padEnd(W)} ${'wall'.padStart(9)} ${'CPU'.padStart(9)} ${'peak'.padStart(10)}   ${'vs empty app'.padEnd(21)}   vs by hand`);
  console.log(`  ${''.padEnd(W)} ${''.padStart(30)}   ${'   wall    CPU    mem'}   ${'   wall    CPU    mem'}`);
  console.log(`  ${'empty cdktf app'.padEnd(W)} ${figures(medianOf(empty))}`);
  apps.forEach(([name], i) => {
    console.log(`  ${`${name}, by hand`.padEnd(W)} ${figures(medianOf(hand[i]))}   ${ratios(ratioOf(hand[i], empty))}`);
    console.log(`  ${`${name}, library`.padEnd(W)} ${figures(medianOf(library[i]))}   ${ratios(ratioOf(library[i], empty))}   ${ratios(ratioOf(library[i], hand[i]))}`);
  });
  console.log(`targets for the library: vs the empty app ${TARGETS.oneCloudTime}x time (three clouds ${TARGETS.threeCloudsTime}x) and ${TARGETS.memory}x memory; `
    + `vs by hand (one cloud) ${TARGETS.byHandTime}x wall time and ${TARGETS.byHandMemory}x memory`);
  apps.forEach(([name, , , timeTarget], i) => {
    const vsEmpty = ratioOf(library[i], empty);
    const vsHand = ratioOf(library[i], hand[i]);
    const byHand = timeTarget === TARGETS.oneCloudTime
      ? `; vs by hand: wall ${verdict(vsHand.ms, TARGETS.byHandTime)}, memory ${verdict(vsHand.maxRssMiB, TARGETS.byHandMemory)}`
      : '';
    console.log(`  ${name.padEnd(W - 8)} vs the empty app: time ${verdict(vsEmpty.ms, timeTarget)}, memory ${verdict(vsEmpty.maxRssMiB, TARGETS.memory)}${byHand}`);
  });
}

/** The cost of checking `values` at synth, in this process. */
function valuesCheckBenchmark(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { checkChartValues } = require(join(BUILD, 'src/releases/_values-check.js'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { GitpodCharts } = require(join(BUILD, 'src/releases/charts.js'));
  const values = { replicaCount: 2, resources: { requests: { cpu: '50m' } }, webhook: { replicaCount: 2 }, global: { priorityClassName: 'system-cluster-critical' } };
  const time = (f: () => void) => {
    const start = process.hrtime.bigint();
    f();
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const first = time(() => checkChartValues('bench.values', GitpodCharts.CERT_MANAGER, values, values));
  const later = median(Array.from({ length: 50 }, () => time(() => checkChartValues('bench.values', GitpodCharts.CERT_MANAGER, values, values))));
  console.log('values check at synth (cert-manager chart, a 4-key values escape hatch)');
  console.log(`  first call ${first.toFixed(1)} ms (loads the schema and synth-check data), later calls ${later.toFixed(2)} ms; nothing is loaded without \`values\``);
}

/** Size of a folder in bytes, as `du` counts it. */
function sizeOf(dir: string): number {
  return Number(execFileSync('du', ['-sb', dir], { encoding: 'utf8' }).split('\t')[0]);
}

function installBenchmark(): void {
  // The package as npm publishes it: compiled by jsii, files per .npmignore.
  compileLibrary();
  const packDir = mkdtempSync(join(tmpdir(), 'gitpod-bench-pack-'));
  const tarball = join(packDir, execFileSync('npm', ['pack', '--pack-destination', packDir, '--silent'], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop()!);
  const peers = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).peerDependencies;
  const dep = (name: string) => `${name}@${peers[name]}`;
  // The README's install lines (Install section).
  const terraform = ['cdktf', 'constructs', 'cdk8s', '@cdktf/provider-helm', '@cdktf/provider-kubernetes'].map(dep);
  const lines: { [app: string]: string[] } = {
    'gcp': [...terraform, dep('@cdktf/provider-google')],
    'aws': [...terraform, dep('@cdktf/provider-aws')],
    'azure': [...terraform, dep('@cdktf/provider-azurerm')],
    'gitops (cdk8s only)': ['constructs', 'cdk8s'].map(dep),
  };
  console.log(`install: npm install <packed library> + the README's line, from the npm cache (package ${(statSync(tarball).size / 1024).toFixed(0)} KiB packed)`);
  for (const [name, line] of Object.entries(lines)) {
    const app = mkdtempSync(join(tmpdir(), 'gitpod-bench-app-'));
    try {
      writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'bench-app', version: '0.0.0', private: true }));
      execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball, ...line], { cwd: app, stdio: 'ignore' });
      const scoped = join(app, 'node_modules', '@cdktf');
      const providers = readdirSync(join(app, 'node_modules')).includes('@cdktf') ? readdirSync(scoped).filter((p) => p.startsWith('provider-')) : [];
      const cdktf = readdirSync(join(app, 'node_modules')).includes('cdktf');
      console.log(`  ${name.padEnd(20)} ${(sizeOf(join(app, 'node_modules')) / 1024 / 1024).toFixed(0).padStart(5)} MB  cdktf: ${cdktf ? 'yes' : 'no '}  providers: ${providers.join(', ') || 'none'}`);
    } finally {
      rmSync(app, { recursive: true, force: true });
    }
  }
  rmSync(packDir, { recursive: true, force: true });
}

try {
  synthBenchmark();
  valuesCheckBenchmark();
  if (process.env.BENCH_INSTALL !== '0') installBenchmark();
} finally {
  rmSync(BUILD, { recursive: true, force: true });
}
