// The vendored upstream data (upstream/) is the repository's own: every file SOURCES.md lists is
// there with its hash, every pinned chart is there at exactly its version, and nothing in the
// suite reads from outside the repository.
import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative, resolve } from 'path';
import { parse, parseAllDocuments } from 'yaml';
import { GitpodCharts } from '../src';
import { renderChart } from './support/helm';
import { validateManifests } from './support/manifests';

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

/** The CustomResourceDefinition in a vendored CRD file. */
function vendoredCrd(file: string): any {
  return parseAllDocuments(readFileSync(join(UPSTREAM, file), 'utf8')).map((d) => d.toJSON()).find((o) => o?.kind === 'CustomResourceDefinition');
}

describe('the vendored CRDs', () => {
  const PINS = [GitpodCharts.CERT_MANAGER, GitpodCharts.TRUST_MANAGER];
  const crdFiles = (pin: { chart: string; version: string }) => readdirSync(UPSTREAM).filter((f) => f.startsWith(`${pin.chart}-${pin.version}-crd-`));

  test.each(PINS)('are the CRDs the pinned $chart $version installs, spec for spec', (pin) => {
    // The charts' CRD templates are behind crds.enabled (cert-manager's default is false).
    const installed = renderChart(pin.chart, pin.version, { crds: { enabled: true } }).filter((o) => o.kind === 'CustomResourceDefinition');
    const files = crdFiles(pin);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const crd = vendoredCrd(file);
      expect({ file, spec: installed.find((o) => o.metadata.name === crd.metadata.name)?.spec }).toEqual({ file, spec: crd.spec });
    }
  });

  test('trust-manager v0.24.0 installs one CRD: Bundle, trust.cert-manager.io/v1alpha1, served and stored', () => {
    const installed = renderChart('trust-manager', GitpodCharts.TRUST_MANAGER.version, {}).filter((o) => o.kind === 'CustomResourceDefinition');
    expect(installed.map((crd) => ({
      name: crd.metadata.name,
      kind: crd.spec.names.kind,
      scope: crd.spec.scope,
      versions: crd.spec.versions.map((v: any) => ({ name: v.name, served: v.served, storage: v.storage, deprecated: v.deprecated })),
    }))).toEqual([{
      name: 'bundles.trust.cert-manager.io',
      kind: 'Bundle',
      scope: 'Cluster',
      versions: [{ name: 'v1alpha1', served: true, storage: true, deprecated: undefined }],
    }]);
    expect(crdFiles(GitpodCharts.TRUST_MANAGER)).toEqual([`trust-manager-${GitpodCharts.TRUST_MANAGER.version}-crd-bundles.yaml`]);
  });

  test('the cert-manager CRDs have the fields of a CA issuer and of an ACME issuer with external account binding', () => {
    const v1 = (file: string) => vendoredCrd(file).spec.versions.find((v: any) => v.name === 'v1').schema.openAPIV3Schema;
    const has = (schema: any, path: string) => path.split('.').reduce((node, key) => node?.properties?.[key], schema) !== undefined;
    const issuerPaths = ['spec.selfSigned', 'spec.ca.secretName', 'spec.acme.externalAccountBinding.keyID',
      'spec.acme.externalAccountBinding.keySecretRef.name', 'spec.acme.externalAccountBinding.keySecretRef.key',
      'spec.acme.externalAccountBinding.keyAlgorithm'];
    const certificatePaths = ['spec.isCA', 'spec.privateKey.algorithm', 'spec.privateKey.size', 'spec.duration', 'spec.renewBefore',
      'spec.secretTemplate.labels', 'spec.secretTemplate.annotations'];
    const version = GitpodCharts.CERT_MANAGER.version;
    for (const kind of ['clusterissuers', 'issuers']) {
      const schema = v1(`cert-manager-${version}-crd-${kind}.yaml`);
      expect(issuerPaths.filter((p) => !has(schema, p))).toEqual([]);
      expect(schema.properties.spec.properties.acme.properties.externalAccountBinding.required).toEqual(['keyID', 'keySecretRef']);
    }
    expect(certificatePaths.filter((p) => !has(v1(`cert-manager-${version}-crd-certificates.yaml`), p))).toEqual([]);
  });

  describe('a trust-manager Bundle is validated strictly against its CRD', () => {
    const bundle = (spec: any) => ({ apiVersion: 'trust.cert-manager.io/v1alpha1', kind: 'Bundle', metadata: { name: 'gitpod-ca-bundle' }, spec });
    const valid = {
      sources: [{ useDefaultCAs: true }, { secret: { name: 'gitpod-custom-ca', key: 'ca.crt' } }],
      target: { configMap: { key: 'ca-certificates.crt' }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'gitpod' } } },
    };

    test('a valid Bundle passes', () => {
      expect(() => validateManifests([bundle(valid)])).not.toThrow();
    });

    test.each([
      ['an unknown field', { ...valid, sources: [{ secret: { name: 'gitpod-custom-ca', kee: 'ca.crt' } }] }, /sources\/0\/secret must NOT have additional properties \(kee\)/],
      ['no sources', { target: valid.target }, /Bundle\/spec must have required property 'sources'/],
      ['a target without its key', { ...valid, target: { configMap: {} } }, /Bundle\/spec\/target\/configMap must have required property 'key'/],
      ['two kinds in one source', { ...valid, sources: [{ useDefaultCAs: true, inLine: 'x' }] }, /sources\/0 exactly one of the fields in \[configMap secret inLine useDefaultCAs\] must be set/],
      ['no target', { ...valid, target: {} }, /spec\/target at least one of the fields in \[configMap secret\] must be set/],
    ])('%s fails', (_, spec, error) => {
      expect(() => validateManifests([bundle(spec)])).toThrow(error);
    });
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
