// Every helm_release the library synthesizes, rendered with the real chart (`helm template` with
// the vendored archive, as the Terraform Helm provider installs it), and checked on what the chart
// makes of the values: the Deployments' flags, the ServiceAccounts, volumes, labels. The example
// app's three clouds, and the other identity modes of each cloud.
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { isDeepStrictEqual } from 'util';
import { Testing, TerraformStack } from 'cdktf';
import { awsExample } from '../example/aws';
import { azureExample } from '../example/azure';
import { gcpExample } from '../example/gcp';
import {
  AwsDnsIdentity, AwsRoute53, AzureDns, AzureDnsIdentity, GitpodCertManager, GitpodDnsZone, GitpodExternalDns, GitpodManifestsApp,
  GoogleCloudDns, GoogleDnsIdentity, IGitpodCloud,
} from '../src';
import { containerArgs, findObject, ignoredValuePaths, leafPaths, podSpecs, renderRelease, unreadValuePaths } from './support/helm';
import { validateManifests } from './support/manifests';
import { resources } from './support/synth';
import { UPSTREAM_DIR } from './support/upstream';

const DOMAIN = 'gitpod.example.com';
const GCP_PROJECT = 'my-gitpod-project';
const AWS_REGION = 'eu-west-1';
const OIDC = 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const AZURE = {
  subscriptionId: '00000000-0000-0000-0000-000000000000',
  tenantId: '11111111-1111-1111-1111-111111111111',
  resourceGroupName: 'gitpod',
};
const KUBELET = { clientId: '33333333-3333-3333-3333-333333333333', objectId: '44444444-4444-4444-4444-444444444444' };

type Cloud = 'gcp' | 'aws' | 'azure';
/** How the workloads authenticate to the cloud's DNS API. */
type Identity = 'gke-workload-identity' | 'gcp-key' | 'irsa' | 'pod-identity' | 'existing-service-accounts' | 'azure-workload-identity' | 'kubelet-identity';

interface Installation {
  readonly name: string;
  readonly cloud: Cloud;
  readonly identity: Identity;
  /** The synthesized Terraform JSON of the stack that holds the releases. */
  readonly json: any;
  /** Its helm_release bodies. */
  readonly releases: any[];
}

function installation(name: string, cloud: Cloud, identity: Identity, json: any): Installation {
  return { name, cloud, identity, json, releases: Object.values(resources(json, 'helm_release')) };
}

// The example app, as test/example.test.ts synthesizes it.
const app = Testing.app();
const manifests = new GitpodManifestsApp({ outdir: mkdtempSync(join(tmpdir(), 'gitpod-rendered-')) });
gcpExample(app, manifests);
awsExample(app, manifests);
azureExample(app, manifests);
app.synth();
const appManifest = JSON.parse(readFileSync(join(app.outdir, 'manifest.json'), 'utf8'));
const exampleStack = (name: string) => JSON.parse(readFileSync(join(app.outdir, appManifest.stacks[name].synthesizedStackPath), 'utf8'));

/** A stack with the zone and, as asked, external-dns and cert-manager with trust-manager. */
function modeStack(cloud: IGitpodCloud, parts: { externalDns: boolean }): any {
  const stack = new TerraformStack(Testing.app(), 'mode');
  const zone = new GitpodDnsZone(stack, 'zone', { cloud, domain: DOMAIN });
  if (parts.externalDns) new GitpodExternalDns(stack, 'external-dns', { zone });
  new GitpodCertManager(stack, 'cert-manager', { zone, trustManager: true });
  return JSON.parse(Testing.synth(stack));
}

const gcp = (identity?: GoogleDnsIdentity) => new GoogleCloudDns({ project: GCP_PROJECT, identity });
const aws = (props: { identity?: AwsDnsIdentity; clusterName?: string } = {}) =>
  new AwsRoute53({ region: AWS_REGION, oidcProviderArn: props.identity ? undefined : OIDC, ...props });
const azureWorkloadIdentity = () => new AzureDns({ ...AZURE, location: 'westeurope', oidcIssuerUrl: 'https://westeurope.oic.prod-aks.azure.com/tenant/cluster/' });

const INSTALLATIONS: Installation[] = [
  installation('example app, gcp', 'gcp', 'gke-workload-identity', exampleStack('gitpod-gcp')),
  installation('example app, aws', 'aws', 'irsa', exampleStack('gitpod-aws')),
  installation('example app, azure', 'azure', 'azure-workload-identity', exampleStack('gitpod-azure')),
  installation('gcp, service account keys', 'gcp', 'gcp-key', modeStack(gcp(GoogleDnsIdentity.SERVICE_ACCOUNT_KEY), { externalDns: true })),
  installation('aws, pod identity', 'aws', 'pod-identity', modeStack(aws({ identity: AwsDnsIdentity.POD_IDENTITY, clusterName: 'gitpod' }), { externalDns: true })),
  installation('aws, existing service accounts', 'aws', 'existing-service-accounts', modeStack(aws({ identity: AwsDnsIdentity.EXISTING_SERVICE_ACCOUNTS }), { externalDns: true })),
  installation('azure, kubelet identity', 'azure', 'kubelet-identity', modeStack(new AzureDns({ ...AZURE, identity: AzureDnsIdentity.KUBELET_IDENTITY, kubeletIdentity: KUBELET }), { externalDns: true })),
  installation('gcp, GitpodCertManager with trustManager: true', 'gcp', 'gke-workload-identity', modeStack(gcp(), { externalDns: false })),
  installation('aws, GitpodCertManager with trustManager: true', 'aws', 'irsa', modeStack(aws(), { externalDns: false })),
  installation('azure, GitpodCertManager with trustManager: true', 'azure', 'azure-workload-identity', modeStack(azureWorkloadIdentity(), { externalDns: false })),
];

/** A Terraform reference to an attribute of a resource of `type` whose logical id names `workload`. */
const reference = (type: string, workload: string, attribute: string) =>
  expect.stringMatching(new RegExp(`^\\$\\{${type}\\.[^.}]*${workload}[^.}]*\\.${attribute}\\}$`));

/** The annotations the workload's ServiceAccount must carry for its identity, and nothing else. */
function serviceAccountAnnotations(identity: Identity, workload: 'external-dns' | 'cert-manager'): { [key: string]: any } {
  switch (identity) {
    case 'gke-workload-identity': return { 'iam.gke.io/gcp-service-account': reference('google_service_account', workload, 'email') };
    case 'irsa': return { 'eks.amazonaws.com/role-arn': reference('aws_iam_role', workload, 'arn') };
    case 'azure-workload-identity': return { 'azure.workload.identity/client-id': reference('azurerm_user_assigned_identity', workload, 'client_id') };
    default: return {};
  }
}

const WORKLOAD_IDENTITY_LABEL = { 'azure.workload.identity/use': 'true' };
const PROVIDER: { [cloud in Cloud]: string } = { gcp: 'google', aws: 'aws', azure: 'azure' };
/** The cloud's own external-dns flags, which the library sets through extraArgs. */
const CLOUD_FLAGS: { [cloud in Cloud]: any[] } = {
  gcp: [`--google-project=${GCP_PROJECT}`, '--google-zone-visibility=public'],
  aws: ['--aws-zone-type=public', expect.stringMatching(/^--zone-id-filter=\$\{aws_route53_zone\.zone_[0-9A-F]+\.zone_id\}$/)],
  azure: [],
};

/** The rendered objects of each release of an installation, by release name; all of them. */
interface Rendered {
  readonly byRelease: { [name: string]: any[] };
  readonly all: any[];
}

function renderAll(inst: Installation): Rendered {
  const byRelease = Object.fromEntries(inst.releases.map((r) => [r.name, renderRelease(r)]));
  return { byRelease, all: Object.values(byRelease).flat() };
}

/** The objects validated so far, as JSON: the installations share most objects (the CRDs), validated once. */
const validated = new Set<string>();
function validateOnce(objects: any[]): void {
  const fresh = objects.filter((o) => !validated.has(JSON.stringify(o)));
  validateManifests(fresh);
  for (const object of fresh) validated.add(JSON.stringify(object));
}

const workloadPod = (objects: any[], deployment: string) => findObject(objects, 'Deployment', deployment).spec.template;
const container = (objects: any[], deployment: string) => workloadPod(objects, deployment).spec.containers[0];

describe.each(INSTALLATIONS)('$name', (inst) => {
  let rendered: Rendered;
  beforeAll(() => {
    rendered = renderAll(inst);
  });
  const hasExternalDns = inst.releases.some((r) => r.name === 'external-dns');

  test('has the releases, each of one values document and no set', () => {
    expect(inst.releases.map((r) => r.name).sort()).toEqual(hasExternalDns ? ['cert-manager', 'external-dns', 'trust-manager'] : ['cert-manager', 'trust-manager']);
    for (const release of inst.releases) {
      const { name, values, set, set_sensitive: setSensitive } = release;
      expect({ name, values: values.length, set, setSensitive }).toEqual({ name, values: 1 });
    }
  });

  test('every rendered object is valid against the Kubernetes and CRD schemas', () => {
    expect(rendered.all.length).toBeGreaterThan(40);
    validateOnce(rendered.all);
  });

  describe('cert-manager', () => {
    let objects: any[];
    beforeAll(() => {
      objects = rendered.byRelease['cert-manager'];
    });

    test('the controller resolves DNS-01 challenges through public recursive nameservers only', () => {
      const args = containerArgs(objects, 'cert-manager');
      expect(args).toContain('--dns01-recursive-nameservers-only');
      expect(args).toContain('--dns01-recursive-nameservers=8.8.8.8:53,1.1.1.1:53');
      expect(args.filter((a) => a.startsWith('--dns01-recursive-nameservers='))).toHaveLength(1);
    });

    test('installs the 6 cert-manager CRDs', () => {
      expect(objects.filter((o) => o.kind === 'CustomResourceDefinition').map((o) => o.metadata.name).sort()).toEqual([
        'certificaterequests.cert-manager.io',
        'certificates.cert-manager.io',
        'challenges.acme.cert-manager.io',
        'clusterissuers.cert-manager.io',
        'issuers.cert-manager.io',
        'orders.acme.cert-manager.io',
      ]);
      // crds.keep: Helm keeps them when the release is uninstalled.
      for (const crd of objects.filter((o) => o.kind === 'CustomResourceDefinition')) expect(crd.metadata.annotations?.['helm.sh/resource-policy']).toBe('keep');
    });

    test(`the controller runs as the ServiceAccount cert-manager, ${inst.identity === 'existing-service-accounts' ? 'which the chart does not create' : 'annotated for its identity'}`, () => {
      expect(workloadPod(objects, 'cert-manager').spec.serviceAccountName).toBe('cert-manager');
      const accounts = objects.filter((o) => o.kind === 'ServiceAccount' && o.metadata.name === 'cert-manager');
      if (inst.identity === 'existing-service-accounts') {
        expect(accounts).toEqual([]);
        return;
      }
      expect(accounts).toHaveLength(1);
      expect(accounts[0].metadata.namespace).toBe('cert-manager');
      expect(accounts[0].metadata.annotations ?? {}).toEqual(serviceAccountAnnotations(inst.identity, 'cert-manager'));
      expect(accounts[0].metadata.labels).toEqual(inst.identity === 'azure-workload-identity' ? expect.objectContaining(WORKLOAD_IDENTITY_LABEL) : expect.not.objectContaining(WORKLOAD_IDENTITY_LABEL));
    });

    test(`the controller pod ${inst.identity === 'azure-workload-identity' ? 'carries' : 'does not carry'} the Azure Workload Identity label`, () => {
      const labels = workloadPod(objects, 'cert-manager').metadata.labels;
      if (inst.identity === 'azure-workload-identity') expect(labels).toMatchObject(WORKLOAD_IDENTITY_LABEL);
      else expect(labels).not.toHaveProperty(['azure.workload.identity/use']);
    });

    test(inst.cloud === 'aws'
      ? 'on EKS: the webhook in the host network on 10260, the controller with fsGroup 1001 and runAsNonRoot'
      : 'off EKS: the webhook in the pod network on the chart\'s 10250', () => {
      const webhook = workloadPod(objects, 'cert-manager-webhook').spec;
      const port = webhook.containers[0].ports.find((p: any) => p.name === 'https').containerPort;
      const securePort = containerArgs(objects, 'cert-manager-webhook').filter((a) => a.startsWith('--secure-port='));
      const controller = workloadPod(objects, 'cert-manager').spec.securityContext;
      // The Service the API server calls reaches the container port, by name or number.
      const targetPort = findObject(objects, 'Service', 'cert-manager-webhook').spec.ports.find((p: any) => p.name === 'https').targetPort;
      expect(typeof targetPort === 'number' ? targetPort : webhook.containers[0].ports.find((p: any) => p.name === targetPort)?.containerPort).toBe(port);
      if (inst.cloud === 'aws') {
        expect(webhook.hostNetwork).toBe(true);
        // In the host network, the pod still resolves cluster names.
        expect(webhook.dnsPolicy).toBe('ClusterFirstWithHostNet');
        expect(port).toBe(10260);
        expect(securePort).toEqual(['--secure-port=10260']);
        expect(controller).toMatchObject({ fsGroup: 1001, runAsNonRoot: true });
      } else {
        expect(webhook.hostNetwork).toBeFalsy();
        expect(port).toBe(10250);
        expect(securePort).toEqual(['--secure-port=10250']);
        expect(controller.fsGroup).toBeUndefined();
      }
    });
  });

  describe('trust-manager', () => {
    test('runs in cert-manager with cert-manager as its trust namespace', () => {
      const objects = rendered.byRelease['trust-manager'];
      const deployment = findObject(objects, 'Deployment', 'trust-manager');
      expect(deployment.metadata.namespace).toBe('cert-manager');
      expect(containerArgs(objects, 'trust-manager', 'trust-manager').filter((a) => a.startsWith('--trust-namespace='))).toEqual(['--trust-namespace=cert-manager']);
    });
  });

  if (hasExternalDns) {
    describe('external-dns', () => {
      let objects: any[];
      let args: string[];
      beforeAll(() => {
        objects = rendered.byRelease['external-dns'];
        args = containerArgs(objects, 'external-dns', 'external-dns');
      });

      test(`one provider, ${PROVIDER[inst.cloud]}; owns and filters ${DOMAIN}; upsert-only, from Services and Ingresses`, () => {
        expect(args.filter((a) => a.startsWith('--provider='))).toEqual([`--provider=${PROVIDER[inst.cloud]}`]);
        expect(args.filter((a) => a.startsWith('--txt-owner-id='))).toEqual([`--txt-owner-id=${DOMAIN}`]);
        expect(args.filter((a) => a.startsWith('--domain-filter='))).toEqual([`--domain-filter=${DOMAIN}`]);
        expect(args.filter((a) => a.startsWith('--policy='))).toEqual(['--policy=upsert-only']);
        expect(args.filter((a) => a.startsWith('--source=')).sort()).toEqual(['--source=ingress', '--source=service']);
        expect(args).toContain('--log-format=json');
      });

      test(`the ${inst.cloud} flags set through extraArgs`, () => {
        const cloudFlags = args.filter((a) => /^--(google|aws|azure|zone-id-filter)/.test(a));
        expect(cloudFlags.sort()).toEqual(CLOUD_FLAGS[inst.cloud].sort());
      });

      test(`runs as the ServiceAccount external-dns, ${inst.identity === 'existing-service-accounts' ? 'which the chart does not create' : 'annotated and labelled for its identity'}`, () => {
        const pod = workloadPod(objects, 'external-dns');
        expect(pod.spec.serviceAccountName).toBe('external-dns');
        const accounts = objects.filter((o) => o.kind === 'ServiceAccount');
        if (inst.identity === 'existing-service-accounts') {
          expect(accounts).toEqual([]);
          return;
        }
        const account = findObject(objects, 'ServiceAccount', pod.spec.serviceAccountName);
        expect(account.metadata.namespace).toBe('external-dns');
        expect(account.metadata.annotations ?? {}).toEqual(serviceAccountAnnotations(inst.identity, 'external-dns'));
        if (inst.identity === 'azure-workload-identity') {
          expect(account.metadata.labels).toMatchObject(WORKLOAD_IDENTITY_LABEL);
          expect(pod.metadata.labels).toMatchObject(WORKLOAD_IDENTITY_LABEL);
        } else {
          expect(account.metadata.labels).not.toHaveProperty(['azure.workload.identity/use']);
          expect(pod.metadata.labels).not.toHaveProperty(['azure.workload.identity/use']);
        }
      });

      /** The volume mounted at `mountPath` in the external-dns container, its mount, and the Terraform Secret it names. */
      function secretVolume(mountPath: string) {
        const pod = workloadPod(objects, 'external-dns').spec;
        const mounts = container(objects, 'external-dns').volumeMounts ?? [];
        const mount = mounts.find((m: any) => m.mountPath === mountPath);
        expect(mount).toMatchObject({ mountPath, readOnly: true });
        const volume = (pod.volumes ?? []).find((v: any) => v.name === mount.name);
        const secret: any = Object.values(resources(inst.json, 'kubernetes_secret_v1')).find((s: any) => s.metadata.name === volume?.secret?.secretName);
        return { volume, secret };
      }

      if (inst.cloud === 'azure') {
        test('reads azure.json from the Secret external-dns-azure, mounted at /etc/kubernetes', () => {
          const { volume, secret } = secretVolume('/etc/kubernetes');
          expect(volume.secret).toEqual({ secretName: 'external-dns-azure' });
          // The Secret is the one Terraform creates in the release's namespace, and holds azure.json.
          expect(secret.metadata.namespace).toMatch(/external-dns/);
          expect(Object.keys(secret.data)).toEqual(['azure.json']);
          expect(args.filter((a) => a.startsWith('--azure-config-file'))).toEqual([]);
        });
      }

      if (inst.cloud === 'aws') {
        test('on EKS: fsGroup 65534 (to read the projected token) and AWS_DEFAULT_REGION', () => {
          expect(workloadPod(objects, 'external-dns').spec.securityContext.fsGroup).toBe(65534);
          expect(container(objects, 'external-dns').env).toContainEqual({ name: 'AWS_DEFAULT_REGION', value: AWS_REGION });
        });
      }

      if (inst.identity === 'gcp-key') {
        test('with a key: mounts the key Secret and points GOOGLE_APPLICATION_CREDENTIALS at the file in it', () => {
          const env = container(objects, 'external-dns').env ?? [];
          const credentials = env.filter((e: any) => e.name === 'GOOGLE_APPLICATION_CREDENTIALS');
          expect(credentials).toHaveLength(1);
          const file: string = credentials[0].value;
          const mountPath = file.slice(0, file.lastIndexOf('/'));
          const { volume, secret } = secretVolume(mountPath);
          expect(volume.secret.secretName).toBe('external-dns-google-credentials');
          expect(secret.metadata.namespace).toMatch(/external-dns/);
          expect(Object.keys(secret.data)).toEqual([file.slice(mountPath.length + 1)]);
        });
      } else if (inst.cloud === 'gcp') {
        test('keyless: no credentials file', () => {
          expect((container(objects, 'external-dns').env ?? []).map((e: any) => e.name)).not.toContain('GOOGLE_APPLICATION_CREDENTIALS');
          expect(podSpecs(objects).flatMap(({ spec }) => spec.volumes ?? [])).toEqual([]);
        });
      }
    });
  }
});

// Every value the library passes must change what the chart renders: one that does not is
// misspelt, misplaced or read by no template, and silently does nothing on the cluster.
//
// For each leaf of the release's values (scalars, arrays as a whole), the chart is rendered with
// and without it (ignoredValuePaths). Leaves equal to the chart's default at the same path (in
// upstream/<chart>-chart-<version>-synth-check.json, `defaults`, the chart's own values.yaml)
// are left out: deleting them falls back to the same value, so the render cannot change. The
// library sets those on purpose (the reference architecture's settings, pinned against a change
// of default), which the values schema check in test/example.test.ts covers.
describe('every value of every release changes the rendered objects', () => {
  const defaults: { [chart: string]: any } = {};
  const defaultsOf = (release: any) => (defaults[`${release.chart}@${release.version}`] ??= JSON.parse(
    readFileSync(join(UPSTREAM_DIR, `${release.chart}-chart-${release.version}-synth-check.json`), 'utf8'),
  ).defaults);
  const valueAt = (object: any, path: string[]) => path.reduce((o, key) => (o !== null && typeof o === 'object' ? o[key] : undefined), object);

  /** The leaves of a release's values that differ from the chart's defaults. */
  function checkedLeaves(release: any): string[][] {
    const values = JSON.parse(release.values[0]);
    return leafPaths(values).filter((path) => !isDeepStrictEqual(valueAt(values, path), valueAt(defaultsOf(release), path)));
  }

  // Releases whose values are the same (the clouds' cert-manager and trust-manager in several
  // installations) are checked once.
  const cases = new Map<string, { name: string; release: any }>();
  for (const inst of INSTALLATIONS) {
    for (const release of inst.releases) {
      const key = JSON.stringify([release.chart, release.version, release.name, release.namespace, release.values]);
      if (!cases.has(key)) cases.set(key, { name: `${inst.name}: ${release.name}`, release });
    }
  }

  test('the check covers every chart, and leaves out exactly the values equal to the defaults', () => {
    expect(new Set([...cases.values()].map(({ release }) => release.chart))).toEqual(new Set(['cert-manager', 'external-dns', 'trust-manager']));
    const trust = [...cases.values()].find(({ release }) => release.chart === 'trust-manager')!.release;
    // trust-manager's trust namespace is the chart's default; its affinity (off workspace nodes) is not.
    expect(checkedLeaves(trust)).toEqual([['affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms']]);
    const certManager = [...cases.values()].find(({ release }) => release.chart === 'cert-manager')!.release;
    expect(checkedLeaves(certManager)).toContainEqual(['extraArgs']);
    expect(checkedLeaves(certManager)).not.toContainEqual(['crds', 'keep']);
  });

  // Leaves equal to what the chart computes without them, which is not in values.yaml: the
  // cert-manager and external-dns charts name the ServiceAccount after the release's full name,
  // the release name here. The library pins serviceAccount.name anyway, because the cloud
  // identities (Workload Identity members, IRSA trust subjects, federated credentials) name it.
  const EQUAL_TO_COMPUTED_DEFAULT = [['serviceAccount', 'name']];

  describe.each([...cases.values()])('$name', ({ release }) => {
    const values = JSON.parse(release.values[0]);
    const options = { releaseName: release.name, namespace: release.namespace };
    let ignored: string[][];
    let unread: string[][];
    beforeAll(() => {
      ignored = ignoredValuePaths(release.chart, release.version, values, checkedLeaves(release), options);
      unread = unreadValuePaths(release.chart, release.version, values, ignored, options);
    });

    test('deleting any value that differs from the chart default changes the render', () => {
      const unexpected = ignored.filter((path) => !EQUAL_TO_COMPUTED_DEFAULT.some((known) => isDeepStrictEqual(known, path)));
      expect({ release: release.name, ignored: unexpected }).toEqual({ release: release.name, ignored: [] });
    });

    test('those whose deletion does not (equal to what the chart computes) are read: another value changes the render', () => {
      expect({ release: release.name, unread }).toEqual({ release: release.name, unread: [] });
    });
  });
});
