// The vendored upstream data (upstream/) is the repository's own: every file SOURCES.md lists is
// there with its hash, every pinned chart is there at exactly its version, and nothing in the
// suite reads from outside the repository.
import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative, resolve } from 'path';
import { parse } from 'yaml';
import { GitpodCharts } from '../src';

const ROOT = resolve(__dirname, '..');
const UPSTREAM = join(ROOT, 'upstream');

/** The rows of SOURCES.md's table: file, repository, path, tag, commit, sha256. */
function sources(): string[][] {
  return readFileSync(join(UPSTREAM, 'SOURCES.md'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim().replace(/^`|`$/g, '')));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [relative(UPSTREAM, path)];
  });
}

describe('upstream/', () => {
  test('SOURCES.md lists every vendored file, each with its sha256', () => {
    const rows = sources();
    expect(rows.map(([file]) => file).sort()).toEqual(filesUnder(UPSTREAM).filter((f) => f !== 'SOURCES.md').sort());
    for (const [file, , , , commit, sha256] of rows) {
      expect({ file, commit }).toEqual({ file, commit: expect.stringMatching(/^[0-9a-f]{40}$/) });
      expect({ file, sha256: createHash('sha256').update(readFileSync(join(UPSTREAM, file))).digest('hex') }).toEqual({ file, sha256 });
    }
  });

  test.each([GitpodCharts.CERT_MANAGER, GitpodCharts.EXTERNAL_DNS, GitpodCharts.TRUST_MANAGER])('the pinned $chart $version is vendored at exactly that version', (pin) => {
    const archive = join(UPSTREAM, 'charts', `${pin.chart}-${pin.version}.tgz`);
    const chartYaml = execFileSync('tar', ['-xzOf', archive, `${pin.chart}/Chart.yaml`], { encoding: 'utf8' });
    expect(chartYaml).toMatch(new RegExp(`^name: ${pin.chart}$`, 'm'));
    expect(chartYaml).toMatch(new RegExp(`^version: ${pin.version.replace(/\./g, '\\.')}$`, 'm'));
    const check = JSON.parse(readFileSync(join(UPSTREAM, `${pin.chart}-chart-${pin.version}-synth-check.json`), 'utf8'));
    expect({ chart: check.chart, version: check.version }).toEqual({ chart: pin.chart, version: pin.version });
    expect(() => JSON.parse(readFileSync(join(UPSTREAM, `${pin.chart}-chart-${pin.version}-values.schema.json`), 'utf8'))).not.toThrow();
  });

  test('each synth-check file holds the chart\'s own values.yaml', () => {
    for (const pin of [GitpodCharts.CERT_MANAGER, GitpodCharts.EXTERNAL_DNS, GitpodCharts.TRUST_MANAGER]) {
      const archive = join(UPSTREAM, 'charts', `${pin.chart}-${pin.version}.tgz`);
      const values = parse(execFileSync('tar', ['-xzOf', archive, `${pin.chart}/values.yaml`], { encoding: 'utf8' }));
      const check = JSON.parse(readFileSync(join(UPSTREAM, `${pin.chart}-chart-${pin.version}-synth-check.json`), 'utf8'));
      expect(check.defaults).toEqual(values);
    }
  });
});

describe('the suite is self-contained', () => {
  // Every file path the suite builds from __dirname (or import.meta.url) with literal segments.
  const DIRS = ['test', 'scripts', 'bench', 'example', 'src'];
  // This file is left out: its own patterns name what it looks for.
  const sourceFiles = DIRS.flatMap((dir) => filesIn(join(ROOT, dir))).filter((f) => f !== __filename);

  function filesIn(dir: string): string[] {
    return readdirSync(dir).flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return entry === '__snapshots__' ? [] : filesIn(path);
      return /\.(ts|mjs|js)$/.test(entry) ? [path] : [];
    });
  }

  test('no path built from a file\'s own folder leaves the repository', () => {
    const paths: string[] = [];
    for (const file of sourceFiles) {
      const text = readFileSync(file, 'utf8');
      const built = [
        ...[...text.matchAll(/(?:join|resolve)\(\s*__dirname((?:\s*,\s*'[^']*')+)\s*\)/g)].map((m) => [...m[1].matchAll(/'([^']*)'/g)].map((s) => s[1])),
        ...[...text.matchAll(/new URL\('([^']*)',\s*import\.meta\.url\)/g)].map((m) => [m[1]]),
      ];
      for (const segments of built) {
        const target = resolve(file, '..', ...segments);
        paths.push(target);
        expect({ file: relative(ROOT, file), target }).toEqual({ file: relative(ROOT, file), target: expect.stringMatching(new RegExp(`^${ROOT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(/|$)`)) });
      }
    }
    // The check found the suite's real paths (upstream/, fixtures), so it can fail.
    expect(paths.some((p) => p.startsWith(UPSTREAM))).toBe(true);
  });

  test('nothing names the team\'s shared folder or an environment override for it', () => {
    for (const file of sourceFiles) {
      expect({ file: relative(ROOT, file), text: readFileSync(file, 'utf8') }).not.toEqual({
        file: relative(ROOT, file),
        text: expect.stringMatching(/shared\/upstream|GITPOD_UPSTREAM_DIR/),
      });
    }
  });
});
