// Pay only for the cloud you use: requiring the library loads no provider package, a Google Cloud
// installation loads no AWS or Azure provider (and the same for each cloud), and a cdk8s app on
// the GitOps path never loads cdktf. Each case runs in a fresh process and reads require.cache.
import { peerDependencies as PEERS } from '../package.json';
import { PRINT_LOADED_PACKAGES, runInChild } from './support/child';

const INSTALLATION = (cloud: string) => `
  const { App, TerraformStack } = require('cdktf');
  const { Testing } = require('cdk8s');
  const lib = require('./src');
  const stack = new TerraformStack(new App({ outdir: require('os').tmpdir() }), 'gitpod');
  const clouds = {
    gcp: () => new lib.GoogleCloudDns({ project: 'my-project' }),
    aws: () => new lib.AwsRoute53({ region: 'eu-west-1', oidcProviderArn: 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE' }),
    cloudflare: () => new lib.CloudflareDns({ accountId: '0123456789abcdef0123456789abcdef' }),
    azure: () => new lib.AzureDns({ subscriptionId: '00000000-0000-0000-0000-000000000000', tenantId: '11111111-1111-1111-1111-111111111111', resourceGroupName: 'gitpod', location: 'westeurope', oidcIssuerUrl: 'https://issuer.example.com/' }),
  };
  const zone = new lib.GitpodDnsZone(stack, 'zone', { cloud: clouds['${cloud}'](), domain: 'gitpod.example.com' });
  new lib.GitpodExternalDns(stack, 'external-dns', { zone });
  new lib.GitpodCertManager(stack, 'cert-manager', { zone });
  new lib.GitpodIssuer(Testing.app(), 'issuer', { zone, email: 'a@example.com' });
  require('cdktf').Testing.synth(stack);
`;

const PROVIDER = { gcp: '@cdktf/provider-google', aws: '@cdktf/provider-aws', azure: '@cdktf/provider-azurerm', cloudflare: '@cdktf/provider-cloudflare' };

describe('loading', () => {
  test('requiring the library loads neither cdktf nor any provider package', () => {
    expect(runInChild(`require('./src'); ${PRINT_LOADED_PACKAGES}`)).toEqual(['cdk8s']);
  });

  test.each([
    ['gcp', ['@cdktf/provider-google']],
    ['aws', ['@cdktf/provider-aws']],
    // Azure's external-dns reads azure.json from a Secret that Terraform creates: the Kubernetes provider.
    ['azure', ['@cdktf/provider-azurerm', '@cdktf/provider-kubernetes']],
    // The tokens reach the tools' namespaces as Secrets that Terraform creates.
    ['cloudflare', ['@cdktf/provider-cloudflare', '@cdktf/provider-kubernetes']],
  ])('a %s installation loads its own provider and Helm, and no other cloud\'s', (cloud, providers) => {
    expect(runInChild(`${INSTALLATION(cloud)} ${PRINT_LOADED_PACKAGES}`)).toEqual(['@cdktf/provider-helm', ...providers, 'cdk8s', 'cdktf'].sort());
  });

  test('a cdk8s app builds the issuer from literals without loading cdktf or a provider', () => {
    expect(runInChild(`
      const { Testing } = require('cdk8s');
      const lib = require('./src');
      const zone = lib.GitpodDnsZone.fromAttributes({ cloud: new lib.AwsRoute53({ region: 'eu-west-1', identity: lib.AwsDnsIdentity.POD_IDENTITY, clusterName: 'gitpod' }), domain: 'gitpod.example.com', zoneId: 'Z0123456789ABC' });
      const issuer = new lib.GitpodIssuer(Testing.app(), 'issuer', { zone, email: 'a@example.com' });
      if (issuer.toJson()[1].spec.acme.solvers[0].dns01.route53.hostedZoneID !== 'Z0123456789ABC') throw new Error('wrong solver');
      ${PRINT_LOADED_PACKAGES}
    `)).toEqual(['cdk8s']);
  });

  test.each(Object.entries(PROVIDER))('without %s\'s provider package the error names the package to install', (cloud, provider) => {
    const error = runInChild(`
      const Module = require('module');
      const resolve = Module._resolveFilename;
      // As if the package were not installed.
      Module._resolveFilename = function (request, ...rest) {
        if (request.startsWith('${provider}')) { const e = new Error("Cannot find module '" + request + "'"); e.code = 'MODULE_NOT_FOUND'; throw e; }
        return resolve.call(this, request, ...rest);
      };
      try { ${INSTALLATION(cloud)} console.log(JSON.stringify('no error')); } catch (e) { console.log(JSON.stringify(e.message)); }
    `);
    const cls = { gcp: 'GoogleCloudDns', aws: 'AwsRoute53', azure: 'AzureDns', cloudflare: 'CloudflareDns' }[cloud];
    const range = (PEERS as { [p: string]: string })[provider];
    expect(error).toBe(`${cls} needs the npm package ${provider}, which is not installed: npm install ${provider}@"${range}"`);
  });
});
