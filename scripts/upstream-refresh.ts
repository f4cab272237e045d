// `npm run upstream:refresh`: re-creates upstream/ from the upstream git tags of the pinned charts.
//
//   npm run upstream:refresh                          # the versions pinned in src/releases/charts.ts
//   npm run upstream:refresh -- --cert-manager v1.22.0 --mirrors /path/to/mirrors
//
// For each chart it copies the data files byte for byte from the tag (`git show TAG:path`), packs
// the chart folder at the tag with `helm package` (offline `helm template` in the tests), derives
// the synth-check file the library validates `values` against, and rewrites upstream/SOURCES.md.
// The same inputs give the same bytes: a refresh at unchanged tags changes nothing in upstream/.
// Repositories come from `--mirrors <dir>` (bare clones named `<owner>+<name>/repo` or
// `<name>.git`), or are cloned from GitHub (network needed).
import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse } from 'yaml';
import { helmBinary } from './helm-binary';
import { GitpodCharts } from '../src/releases/charts';

const UPSTREAM = join(__dirname, '..', 'upstream');

interface UpstreamChart {
  /** Chart name, as in GitpodCharts. */
  readonly chart: string;
  readonly pinned: string;
  /** GitHub owner/name. */
  readonly repo: string;
  /** The git tag of a chart version. */
  readonly tag: (version: string) => string;
  /** The chart folder in the repository. */
  readonly chartDir: string;
  /** Data files to copy: upstream path -> file name in upstream/ (`{v}` is the chart version). */
  readonly files: { [path: string]: string };
  /** Folders inside the chart that are not part of the released chart. */
  readonly dropDirs?: string[];
}

const CHARTS: UpstreamChart[] = [
  {
    chart: 'cert-manager',
    pinned: GitpodCharts.CERT_MANAGER.version,
    repo: 'cert-manager/cert-manager',
    tag: (v) => v,
    chartDir: 'deploy/charts/cert-manager',
    files: {
      'deploy/charts/cert-manager/values.yaml': 'cert-manager-chart-{v}-values.yaml',
      'deploy/charts/cert-manager/values.schema.json': 'cert-manager-chart-{v}-values.schema.json',
      'deploy/crds/cert-manager.io_certificates.yaml': 'cert-manager-{v}-crd-certificates.yaml',
      'deploy/crds/cert-manager.io_clusterissuers.yaml': 'cert-manager-{v}-crd-clusterissuers.yaml',
      'deploy/crds/cert-manager.io_issuers.yaml': 'cert-manager-{v}-crd-issuers.yaml',
    },
  },
  {
    chart: 'external-dns',
    pinned: GitpodCharts.EXTERNAL_DNS.version,
    repo: 'kubernetes-sigs/external-dns',
    tag: (v) => `external-dns-helm-chart-${v}`,
    chartDir: 'charts/external-dns',
    files: {
      'charts/external-dns/values.yaml': 'external-dns-chart-{v}-values.yaml',
      'charts/external-dns/values.schema.json': 'external-dns-chart-{v}-values.schema.json',
      'charts/external-dns/Chart.yaml': 'external-dns-chart-{v}-Chart.yaml',
    },
  },
  {
    chart: 'trust-manager',
    pinned: GitpodCharts.TRUST_MANAGER.version,
    repo: 'cert-manager/trust-manager',
    tag: (v) => v,
    chartDir: 'deploy/charts/trust-manager',
    files: {
      'deploy/charts/trust-manager/values.yaml': 'trust-manager-chart-{v}-values.yaml',
      'deploy/charts/trust-manager/values.schema.json': 'trust-manager-chart-{v}-values.schema.json',
    },
    // Helm unit tests, which the released chart does not carry.
    dropDirs: ['tests'],
  },
];

function args(): { versions: { [chart: string]: string }; mirrors?: string } {
  const argv = process.argv.slice(2);
  const versions: { [chart: string]: string } = {};
  let mirrors: string | undefined;
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (!value) throw new Error(`${flag}: missing value`);
    if (flag === '--mirrors') mirrors = value;
    else if (CHARTS.some((c) => `--${c.chart}` === flag)) versions[flag.slice(2)] = value;
    else throw new Error(`unknown option ${flag} (--mirrors, ${CHARTS.map((c) => `--${c.chart}`).join(', ')})`);
  }
  return { versions, mirrors };
}

function gitDir(repo: string, mirrors: string | undefined, scratch: string): string {
  const [owner, name] = repo.split('/');
  for (const candidate of mirrors ? [join(mirrors, `${owner}+${name}`, 'repo'), join(mirrors, `${name}.git`)] : []) {
    if (existsSync(candidate)) return candidate;
  }
  const dir = join(scratch, `${name}.git`);
  execFileSync('git', ['clone', '--quiet', '--bare', '--filter=blob:none', `https://github.com/${repo}.git`, dir], { stdio: 'inherit' });
  return dir;
}

const git = (dir: string, ...argv: string[]) => execFileSync('git', ['--git-dir', dir, ...argv], { maxBuffer: 1024 * 1024 * 1024 });
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * The values paths the chart's templates read (`.Values.a.b`). A user's value at a path that no
 * template reads, and that no read path covers, is silently ignored by Helm.
 */
function templateReads(chartRoot: string): string[] {
  const reads = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else for (const m of readFileSync(path, 'utf8').matchAll(/\.Values((?:\.[A-Za-z0-9_]+)+)/g)) reads.add(m[1].slice(1));
    }
  };
  walk(join(chartRoot, 'templates'));
  return [...reads].sort();
}

function refresh(out: string, chart: UpstreamChart, version: string, dir: string, scratch: string) {
  const tag = chart.tag(version);
  const commit = git(dir, 'rev-parse', `${tag}^{commit}`).toString().trim();
  const rows: string[][] = [];
  for (const [path, pattern] of Object.entries(chart.files)) {
    const file = pattern.replace('{v}', version);
    const data = git(dir, 'show', `${tag}:${path}`);
    writeFileSync(join(out, file), data);
    rows.push([file, chart.repo, path, tag, commit, sha256(data)]);
  }

  // The chart folder at the tag, with the release tool's version placeholders filled in.
  const work = mkdtempSync(join(scratch, `${chart.chart}-`));
  execFileSync('sh', ['-c', `git --git-dir "${dir}" archive "${tag}" "${chart.chartDir}" | tar -x -C "${work}"`]);
  const chartRoot = join(work, chart.chartDir);
  for (const drop of chart.dropDirs ?? []) rmSync(join(chartRoot, drop), { recursive: true, force: true });
  const chartYaml = join(chartRoot, 'Chart.yaml');
  writeFileSync(chartYaml, readFileSync(chartYaml, 'utf8').replace(/^(version|appVersion): v0\.0\.0$/gm, `$1: ${version}`));
  // `git archive` dates every file at the commit; so is the rewritten Chart.yaml, so that the
  // archive (which keeps the dates) is the same at each refresh.
  const committed = Number(git(dir, 'log', '-1', '--format=%ct', commit).toString().trim());
  utimesSync(chartYaml, committed, committed);
  const packed = `${chart.chart}-${version}.tgz`;
  execFileSync(helmBinary(), ['package', chartRoot, '--destination', join(out, 'charts')], { stdio: 'pipe' });
  rows.push([`charts/${packed}`, chart.repo, `${chart.chartDir}/`, tag, commit, sha256(readFileSync(join(out, 'charts', packed)))]);

  // What the library checks `values` against at synth, in one JSON file it loads only when needed.
  const check = {
    chart: chart.chart,
    version,
    defaults: parse(readFileSync(join(chartRoot, 'values.yaml'), 'utf8')) ?? {},
    templateReads: templateReads(chartRoot),
  };
  const checkFile = `${chart.chart}-chart-${version}-synth-check.json`;
  const checkData = Buffer.from(`${JSON.stringify(check, undefined, 1)}\n`);
  writeFileSync(join(out, checkFile), checkData);
  rows.push([checkFile, chart.repo, `${chart.chartDir}/ (derived)`, tag, commit, sha256(checkData)]);
  return rows;
}

function main() {
  const { versions, mirrors } = args();
  const scratch = mkdtempSync(join(tmpdir(), 'upstream-refresh-'));
  try {
    // Everything is built in a staging folder and replaces upstream/ only when complete: a failed
    // refresh leaves the old files, and files of versions no longer pinned do not linger.
    const out = join(scratch, 'upstream');
    mkdirSync(join(out, 'charts'), { recursive: true });
    const rows: string[][] = [];
    for (const chart of CHARTS) {
      const version = versions[chart.chart] ?? chart.pinned;
      console.log(`${chart.chart} ${version}`);
      rows.push(...refresh(out, chart, version, gitDir(chart.repo, mirrors, scratch), scratch));
    }
    writeFileSync(join(out, 'SOURCES.md'), sourcesMd(rows));
    rmSync(UPSTREAM, { recursive: true, force: true });
    cpSync(out, UPSTREAM, { recursive: true });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function sourcesMd(rows: string[][]): string {
  return [
    '# upstream/: the upstream chart data this library is checked against',
    '',
    'Written by `npm run upstream:refresh` (scripts/upstream-refresh.ts); do not edit by hand. Data',
    'files are copied byte for byte from the upstream repositories at the release tags',
    '(`git show TAG:PATH`). `charts/*.tgz` are the chart folders at the same tags, packed with',
    '`helm package` after filling in the release tool\'s `v0.0.0` version placeholders, so that the',
    'tests run `helm template` offline against exactly what the pinned release installs (their',
    'templates, values and CRDs are the tag\'s; the archives are not byte-identical to the chart',
    'repositories\' files). `*-synth-check.json` files are derived: the chart\'s `values.yaml` as JSON',
    'and the `.Values` paths its templates read; the library loads them to validate a construct\'s',
    '`values` at synth. `test/upstream.test.ts` checks every hash below and that each chart pinned in',
    '`src/releases/charts.ts` is here at exactly its version.',
    '',
    '| File | Upstream repository | Upstream path | Tag | Commit | sha256 |',
    '|---|---|---|---|---|---|',
    ...rows.map(([file, repo, path, tag, commit, hash]) => `| \`${file}\` | ${repo} | \`${path}\` | \`${tag}\` | \`${commit}\` | \`${hash}\` |`),
    '',
  ].join('\n');
}

main();
