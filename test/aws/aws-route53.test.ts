import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing as K8sTesting } from 'cdk8s';
import { Fn } from 'cdktf';
import { AwsDnsIdentity, AwsRoute53, AwsRoute53Props, GitOpsFlavor, GitpodCertManager, GitpodDnsZone, GitpodExternalDns, GitpodGitOps, GitpodIssuer } from '../../src';
import { containerArgs, renderRelease } from '../support/helm';
import { validateManifests } from '../support/manifests';
import { helmValues, OFF_WORKSPACE_NODES, onlyResource, resources, synthJson, testStack } from '../support/synth';

const DOMAIN = 'gitpod.example.com';
const OIDC = 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const ISSUER_HOST = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';

function awsInstallation(cloudProps: Partial<AwsRoute53Props> = {}, zoneProps: { existingZoneId?: string } = {}) {
  const stack = testStack();
  const cloud = new AwsRoute53({ region: 'eu-west-1', oidcProviderArn: OIDC, ...cloudProps });
  const zone = new GitpodDnsZone(stack, 'zone', { cloud, domain: DOMAIN, ...zoneProps });
  new GitpodExternalDns(stack, 'external-dns', { zone });
  new GitpodCertManager(stack, 'cert-manager', { zone });
  const issuer = new GitpodIssuer(K8sTesting.app(), 'issuer', { zone, email: 'admin@example.com' });
  return { json: synthJson(stack), issuer };
}

/** The policy document (data.aws_iam_policy_document) whose logical id starts with `prefix`. */
function policy(json: any, prefix: string): any[] {
  const docs = json.data.aws_iam_policy_document;
  const id = Object.keys(docs).find((k) => k.startsWith(prefix));
  if (!id) throw new Error(`no policy document ${prefix}*`);
  return docs[id].statement;
}

function release(json: any, name: string): any {
  return Object.values(resources(json, 'helm_release')).find((r: any) => r.name === name);
}

const ZONE_ARN = expect.stringMatching(/^arn:aws:route53:::hostedzone\/\$\{aws_route53_zone\.zone_[0-9A-F]+\.zone_id\}$/);

describe('AwsRoute53 with IRSA (default)', () => {
  const { json, issuer } = awsInstallation();

  test('creates a public hosted zone for the domain', () => {
    expect(onlyResource(json, 'aws_route53_zone')).toEqual({
      name: 'gitpod.example.com',
      comment: 'Gitpod: records managed by external-dns and cert-manager',
      tags: { 'app': 'gitpod', 'managed-by': 'cdk-gitpod-networking' },
      lifecycle: { prevent_destroy: true },
    });
    expect(json.output.zone_zone_id.value).toMatch(/aws_route53_zone\.zone_[0-9A-F]+\.zone_id/);
    expect(json.output.zone_name_servers.value).toMatch(/aws_route53_zone\.zone_[0-9A-F]+\.name_servers/);
  });

  test('external-dns may change records in the zone only, and list zones where AWS requires *', () => {
    expect(policy(json, 'external-dns_policy')).toEqual([
      { sid: 'ChangeRecordsInTheGitpodZone', actions: ['route53:ChangeResourceRecordSets'], resources: [ZONE_ARN] },
      { sid: 'ReadTheGitpodZone', actions: ['route53:ListResourceRecordSets', 'route53:ListTagsForResources'], resources: [ZONE_ARN] },
      { sid: 'FindZones', actions: ['route53:ListHostedZones'], resources: ['*'] },
    ]);
  });

  test('cert-manager may write TXT challenge records in the zone only, and find the zone by name', () => {
    expect(policy(json, 'cert-manager_policy')).toEqual([
      { sid: 'WatchChanges', actions: ['route53:GetChange'], resources: ['arn:aws:route53:::change/*'] },
      {
        sid: 'WriteChallengeRecords',
        actions: ['route53:ChangeResourceRecordSets'],
        resources: [ZONE_ARN],
        condition: [
          { test: 'ForAllValues:StringEquals', variable: 'route53:ChangeResourceRecordSetsRecordTypes', values: ['TXT'] },
          { test: 'ForAllValues:StringLike', variable: 'route53:ChangeResourceRecordSetsNormalizedRecordNames', values: ['_acme-challenge.*'] },
        ],
      },
      { sid: 'ReadTheGitpodZone', actions: ['route53:ListResourceRecordSets'], resources: [ZONE_ARN] },
      { sid: 'FindTheZoneByName', actions: ['route53:ListHostedZonesByName'], resources: ['*'] },
    ]);
  });

  test('no statement grants a change permission on * or hostedzone/*', () => {
    const all = Object.values(json.data.aws_iam_policy_document).flatMap((d: any) => d.statement);
    const changes = all.filter((s: any) => (s.actions ?? []).some((a: string) => /Change/.test(a) && a !== 'route53:GetChange'));
    expect(changes).toHaveLength(2);
    for (const s of changes) {
      for (const r of s.resources) expect(r).not.toMatch(/^\*$|hostedzone\/\*$/);
    }
  });

  test('each role trusts exactly its service account through the OIDC provider, audience STS', () => {
    for (const [workload, subject] of [['external-dns', 'system:serviceaccount:external-dns:external-dns'], ['cert-manager', 'system:serviceaccount:cert-manager:cert-manager']]) {
      expect(policy(json, `${workload}_trust`)).toEqual([{
        actions: ['sts:AssumeRoleWithWebIdentity'],
        principals: [{ type: 'Federated', identifiers: [OIDC] }],
        condition: [
          { test: 'StringEquals', variable: `${ISSUER_HOST}:sub`, values: [subject] },
          { test: 'StringEquals', variable: `${ISSUER_HOST}:aud`, values: ['sts.amazonaws.com'] },
        ],
      }]);
    }
    const roles = Object.values(resources(json, 'aws_iam_role')).map((r: any) => r.name).sort();
    expect(roles).toEqual([expect.stringMatching(/^gitpod-cert-manager-[0-9a-f]{6}$/), expect.stringMatching(/^gitpod-external-dns-[0-9a-f]{6}$/)]);
    expect(resources(json, 'aws_iam_user')).toEqual({});
    expect(resources(json, 'aws_iam_access_key')).toEqual({});
  });

  test('external-dns: provider aws, public zones, this zone only, fsGroup 65534, the role annotation', () => {
    expect(helmValues(release(json, 'external-dns'))).toEqual({
      domainFilters: ['gitpod.example.com'],
      txtOwnerId: 'gitpod.example.com',
      policy: 'upsert-only',
      sources: ['service', 'ingress'],
      logFormat: 'json',
      affinity: OFF_WORKSPACE_NODES,
      provider: { name: 'aws' },
      env: [{ name: 'AWS_DEFAULT_REGION', value: 'eu-west-1' }],
      extraArgs: { 'aws-zone-type': 'public', 'zone-id-filter': expect.stringMatching(/aws_route53_zone\.zone_[0-9A-F]+\.zone_id/) },
      podSecurityContext: { fsGroup: 65534 },
      serviceAccount: { create: true, name: 'external-dns', annotations: { 'eks.amazonaws.com/role-arn': expect.stringMatching(/aws_iam_role\.external-dns_role_[0-9A-F]+\.arn/) } },
    });
  });

  test('cert-manager: webhook in the host network on 10260, fsGroup 1001 and runAsNonRoot through values', () => {
    const values = helmValues(release(json, 'cert-manager'));
    expect(values.webhook).toEqual({ hostNetwork: true, securePort: 10260, affinity: OFF_WORKSPACE_NODES });
    expect(values.securityContext).toEqual({ fsGroup: 1001, runAsNonRoot: true });
    expect(values.serviceAccount.annotations['eks.amazonaws.com/role-arn']).toMatch(/aws_iam_role\.cert-manager_role_[0-9A-F]+\.arn/);
  });

  test('the issuer solves with route53 in the region, looking the new zone up by name', () => {
    const objects = issuer.toJson();
    validateManifests(objects);
    expect(objects.find((o: any) => o.kind === 'ClusterIssuer').spec.acme.solvers).toEqual([
      { selector: { dnsZones: ['gitpod.example.com'] }, dns01: { route53: { region: 'eu-west-1' } } },
    ]);
  });

  test('matches the snapshot', () => {
    expect(json).toMatchSnapshot();
  });
});

describe('AwsRoute53 options', () => {
  test('an existing zone by id: the solver names it and the lookup permission is dropped', () => {
    const { json, issuer } = awsInstallation({}, { existingZoneId: 'Z1230498123094' });
    expect(resources(json, 'aws_route53_zone')).toEqual({});
    expect(Object.values(json.data.aws_route53_zone)).toEqual([expect.objectContaining({ zone_id: 'Z1230498123094' })]);
    expect(issuer.clusterIssuer.toJson().spec.acme.solvers[0].dns01.route53).toEqual({ region: 'eu-west-1', hostedZoneID: 'Z1230498123094' });
    const actions = policy(json, 'cert-manager_policy').flatMap((s: any) => s.actions);
    expect(actions).not.toContain('route53:ListHostedZonesByName');
    expect(policy(json, 'cert-manager_policy')[1].resources).toEqual(['arn:aws:route53:::hostedzone/Z1230498123094']);
  });

  test('an OIDC provider ARN from Terraform (a token) yields the issuer for the conditions at apply time', () => {
    const stack = testStack();
    const oidcProviderArn = Fn.lower(OIDC); // stands in for aws_iam_openid_connect_provider.arn
    const zone = new GitpodDnsZone(stack, 'zone', { cloud: new AwsRoute53({ region: 'eu-west-1', oidcProviderArn }), domain: DOMAIN });
    new GitpodCertManager(stack, 'cert-manager', { zone });
    const [trust] = policy(synthJson(stack), 'cert-manager_trust');
    expect(trust.condition.map((c: any) => c.variable)).toEqual([
      expect.stringMatching(/^\$\{element\(split\("oidc-provider\/", lower\(".*"\)\), 1\)\}:sub$/),
      expect.stringMatching(/^\$\{element\(split\("oidc-provider\/", lower\(".*"\)\), 1\)\}:aud$/),
    ]);
  });

  test('a private zone is associated with the VPC and external-dns manages private zones', () => {
    const stack = testStack();
    const zone = new GitpodDnsZone(stack, 'zone', { cloud: new AwsRoute53({ region: 'eu-west-1', oidcProviderArn: OIDC, privateZoneVpcId: 'vpc-0a1b2c3d4e5f67890' }), domain: DOMAIN });
    new GitpodExternalDns(stack, 'external-dns', { zone });
    const json = synthJson(stack);
    expect(onlyResource(json, 'aws_route53_zone').vpc).toEqual([{ vpc_id: 'vpc-0a1b2c3d4e5f67890', vpc_region: 'eu-west-1' }]);
    expect(helmValues(release(json, 'external-dns')).extraArgs['aws-zone-type']).toBe('private');
  });

  test('EKS Pod Identity: associations instead of the annotation, trusted by pods.eks.amazonaws.com', () => {
    const { json } = awsInstallation({ identity: AwsDnsIdentity.POD_IDENTITY, oidcProviderArn: undefined, clusterName: 'gitpod' });
    const associations = Object.values(resources(json, 'aws_eks_pod_identity_association')).map((a: any) => [a.cluster_name, a.namespace, a.service_account]).sort();
    expect(associations).toEqual([['gitpod', 'cert-manager', 'cert-manager'], ['gitpod', 'external-dns', 'external-dns']]);
    expect(policy(json, 'cert-manager_trust')).toEqual([{ actions: ['sts:AssumeRole', 'sts:TagSession'], principals: [{ type: 'Service', identifiers: ['pods.eks.amazonaws.com'] }] }]);
    expect(helmValues(release(json, 'cert-manager')).serviceAccount).toEqual({ create: true, name: 'cert-manager' });
  });

  test('eksctl-made service accounts: no role, serviceAccount.create=false with the given name', () => {
    const { json } = awsInstallation({ identity: AwsDnsIdentity.EXISTING_SERVICE_ACCOUNTS, oidcProviderArn: undefined });
    expect(resources(json, 'aws_iam_role')).toEqual({});
    expect(helmValues(release(json, 'external-dns')).serviceAccount).toEqual({ create: false, name: 'external-dns' });
    expect(helmValues(release(json, 'cert-manager')).serviceAccount).toEqual({ create: false, name: 'cert-manager' });
  });

  test('the webhook settings are options', () => {
    const { json } = awsInstallation({ webhookHostNetwork: false, webhookSecurePort: 10250 });
    expect(helmValues(release(json, 'cert-manager')).webhook).toEqual({ hostNetwork: false, securePort: 10250, affinity: OFF_WORKSPACE_NODES });
  });

  test('A records and delegation through Route53 records', () => {
    const stack = testStack();
    new GitpodDnsZone(stack, 'zone', { cloud: new AwsRoute53({ region: 'eu-west-1', oidcProviderArn: OIDC }), domain: DOMAIN, loadBalancerAddress: '203.0.113.10', parentZoneId: 'Z0PARENT123' });
    const records = Object.values(resources(synthJson(stack), 'aws_route53_record')) as any[];
    expect(records.filter((r) => r.type === 'A').map((r) => [r.name, r.ttl, r.records])).toEqual([
      ['gitpod.example.com', 300, ['203.0.113.10']],
      ['*.gitpod.example.com', 300, ['203.0.113.10']],
      ['*.ws.gitpod.example.com', 300, ['203.0.113.10']],
    ]);
    expect(records.filter((r) => r.type === 'NS')).toEqual([{
      zone_id: 'Z0PARENT123',
      name: 'gitpod.example.com',
      type: 'NS',
      ttl: 300,
      records: expect.stringMatching(/aws_route53_zone\.zone_[0-9A-F]+\.name_servers/),
    }]);
  });
});

describe('AwsRoute53 bad input fails at synth with the property named', () => {
  test.each([
    ['a malformed region', { region: 'Ireland' }, /^AwsRoute53\.region: expected an AWS region/],
    ['a missing region', { region: undefined }, /^AwsRoute53\.region: expected/],
    ['a malformed OIDC provider ARN', { oidcProviderArn: 'arn:aws:iam::1234:oidc-provider/x' }, /^AwsRoute53\.oidcProviderArn: expected an IAM OIDC provider ARN/],
    ['an account id that is not 12 digits in the ARN', { oidcProviderArn: 'arn:aws:iam::12345678901X:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/X' }, /^AwsRoute53\.oidcProviderArn:/],
    ['IRSA without an OIDC provider', { oidcProviderArn: undefined }, /^AwsRoute53\.oidcProviderArn: .*required for IRSA/],
    ['Pod Identity without a cluster name', { identity: AwsDnsIdentity.POD_IDENTITY }, /^AwsRoute53\.clusterName: expected the EKS cluster name/],
    ['a malformed VPC id', { privateZoneVpcId: 'vpc1' }, /^AwsRoute53\.privateZoneVpcId:/],
    ['a privileged webhook port', { webhookSecurePort: 443 }, /^AwsRoute53\.webhookSecurePort: expected a port number: a whole number from 1024 to 65535, got 443/],
    ['a webhook port that is not a whole number', { webhookSecurePort: 10260.5 }, /^AwsRoute53\.webhookSecurePort: expected a port number/],
    ['the kubelet\'s port for the webhook in the host network', { webhookSecurePort: 10250 }, /^AwsRoute53\.webhookSecurePort: expected a port no node component takes.*got 10250/],
    ['kube-proxy\'s health port for the webhook in the host network', { webhookSecurePort: 10256 }, /^AwsRoute53\.webhookSecurePort: expected a port no node component takes/],
    ['an identity mode that is not one (from JavaScript)', { identity: 'IRSA' }, /^AwsRoute53\.identity: expected one of AwsDnsIdentity\.IRSA, AwsDnsIdentity\.POD_IDENTITY, AwsDnsIdentity\.EXISTING_SERVICE_ACCOUNTS, got "IRSA"/],
    ['a host-network switch that is not a boolean', { webhookHostNetwork: 'yes' }, /^AwsRoute53\.webhookHostNetwork: expected true or false, got "yes"/],
  ])('%s', (_, props, error) => {
    expect(() => new AwsRoute53({ region: 'eu-west-1', oidcProviderArn: OIDC, ...props } as AwsRoute53Props)).toThrow(error);
  });

  test('a malformed hosted zone id', () => {
    expect(() => awsInstallation({}, { existingZoneId: '/hostedzone/z123' })).toThrow(/^GitpodDnsZone\.existingZoneId: expected a Route53 hosted zone id/);
  });

  test('the kubelet\'s port is fine when the webhook stays in the pod network', () => {
    expect(() => new AwsRoute53({ region: 'eu-west-1', oidcProviderArn: OIDC, webhookHostNetwork: false, webhookSecurePort: 10250 })).not.toThrow();
  });

  test('a private-zone VPC with an existing zone is refused: its associations are managed where it was made', () => {
    expect(() => awsInstallation({ privateZoneVpcId: 'vpc-0a1b2c3d4e5f67890' }, { existingZoneId: 'Z1230498123094' })).toThrow(
      /^AwsRoute53\.privateZoneVpcId: expected no VPC with an existing zone/,
    );
  });
});

describe('AwsRoute53 with the zone in a central DNS account', () => {
  const DNS_ACCOUNT = '444455556666';
  function crossAccount(cloudProps: Partial<AwsRoute53Props> = {}) {
    const stack = testStack();
    const dnsAccountProvider = new AwsProvider(stack, 'dns-account', { alias: 'dns', region: 'us-east-1', assumeRole: [{ roleArn: `arn:aws:iam::${DNS_ACCOUNT}:role/terraform` }] });
    const cloud = new AwsRoute53({ region: 'eu-west-1', oidcProviderArn: OIDC, dnsAccountId: DNS_ACCOUNT, dnsAccountProvider, ...cloudProps });
    const zone = new GitpodDnsZone(stack, 'zone', { cloud, domain: DOMAIN });
    new GitpodExternalDns(stack, 'external-dns', { zone });
    new GitpodCertManager(stack, 'cert-manager', { zone });
    const issuer = new GitpodIssuer(K8sTesting.app(), 'issuer', { zone, email: 'admin@example.com' });
    return { json: synthJson(stack), issuer };
  }
  const { json, issuer } = crossAccount();
  const roles = Object.entries(resources(json, 'aws_iam_role')) as Array<[string, any]>;
  const dnsRole = (tool: string) => roles.find(([id]) => id.startsWith(`${tool}_dns-account-role`))![1];
  const clusterRole = (tool: string) => roles.find(([id]) => id.startsWith(`${tool}_role_`))![1];

  test('the zone and one role per tool live in the DNS account; the service-account roles in the cluster\'s', () => {
    expect(onlyResource(json, 'aws_route53_zone').provider).toBe('aws.dns');
    expect(roles).toHaveLength(4);
    for (const tool of ['external-dns', 'cert-manager']) {
      expect(dnsRole(tool)).toMatchObject({ name: expect.stringMatching(new RegExp(`^gitpod-${tool}-dns-[0-9a-f]{6}$`)), provider: 'aws.dns' });
      expect(clusterRole(tool).provider).toBeUndefined();
    }
  });

  test('a DNS-account role trusts exactly its tool\'s cluster role, and holds the Route53 rights on the zone', () => {
    for (const tool of ['external-dns', 'cert-manager']) {
      expect(policy(json, `${tool}_dns-account-trust`)).toEqual([{
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'AWS', identifiers: [expect.stringMatching(new RegExp(`^\\$\\{aws_iam_role\\.${tool}_role_[0-9A-F]+\\.arn\\}$`))] }],
      }]);
      const route53 = (Object.values(resources(json, 'aws_iam_role_policy')) as any[]).find((p) => p.name === 'route53' && p.role.includes(`${tool}_dns-account-role`));
      expect(route53).toMatchObject({ provider: 'aws.dns', policy: expect.stringMatching(new RegExp(`data\\.aws_iam_policy_document\\.${tool}_policy_`)) });
    }
    expect(policy(json, 'external-dns_policy')[0]).toEqual({ sid: 'ChangeRecordsInTheGitpodZone', actions: ['route53:ChangeResourceRecordSets'], resources: [ZONE_ARN] });
  });

  test('a cluster role may only assume its DNS-account role, and keeps its IRSA trust', () => {
    for (const tool of ['external-dns', 'cert-manager']) {
      expect(policy(json, `${tool}_assume-policy`)).toEqual([{
        sid: 'AssumeTheDnsAccountRole', actions: ['sts:AssumeRole'], resources: [`arn:aws:iam::${DNS_ACCOUNT}:role/${dnsRole(tool).name}`],
      }]);
      expect(policy(json, `${tool}_trust`)[0].actions).toEqual(['sts:AssumeRoleWithWebIdentity']);
    }
    const clusterPolicies = (Object.values(resources(json, 'aws_iam_role_policy')) as any[]).filter((p) => p.provider === undefined);
    expect(clusterPolicies.map((p) => p.name).sort()).toEqual(['assume-dns-account-role', 'assume-dns-account-role']);
  });

  test('external-dns assumes its DNS-account role (--aws-assume-role), rendered by the chart', () => {
    const args = containerArgs(renderRelease(release(json, 'external-dns')), 'external-dns');
    expect(args).toContain(`--aws-assume-role=arn:aws:iam::${DNS_ACCOUNT}:role/${dnsRole('external-dns').name}`);
    expect(helmValues(release(json, 'external-dns')).serviceAccount.annotations['eks.amazonaws.com/role-arn']).toMatch(/aws_iam_role\.external-dns_role_/);
  });

  test('cert-manager\'s route53 solver names its DNS-account role, a literal', () => {
    const objects = issuer.toJson();
    validateManifests(objects);
    expect(objects.find((o: any) => o.kind === 'ClusterIssuer').spec.acme.solvers[0].dns01.route53).toEqual({
      region: 'eu-west-1', role: `arn:aws:iam::${DNS_ACCOUNT}:role/${dnsRole('cert-manager').name}`,
    });
  });

  test.each([
    ['an account id that is not 12 digits', { dnsAccountId: '4444' }, /^AwsRoute53\.dnsAccountId: expected an AWS account id: 12 digits/],
    ['pre-made service accounts, whose roles it cannot trust', { identity: AwsDnsIdentity.EXISTING_SERVICE_ACCOUNTS }, /^AwsRoute53\.identity: expected AwsDnsIdentity\.IRSA or AwsDnsIdentity\.POD_IDENTITY with dnsAccountId/],
    ['a private zone across accounts', { privateZoneVpcId: 'vpc-0a1b2c3d4e5f67890' }, /^AwsRoute53\.privateZoneVpcId: expected no VPC with dnsAccountId/],
  ])('refuses %s', (_, props, error) => {
    expect(() => crossAccount(props)).toThrow(error);
  });

  test('the cluster side (no Terraform, no provider) derives the same role ARNs', () => {
    const cloud = new AwsRoute53({ region: 'eu-west-1', oidcProviderArn: OIDC, dnsAccountId: DNS_ACCOUNT });
    const zone = GitpodDnsZone.fromAttributes({
      cloud,
      domain: DOMAIN,
      zoneId: 'Z0123456789EXAMPLE',
      externalDns: { namespaceName: 'external-dns', serviceAccountName: 'external-dns', identity: 'arn:aws:iam::111122223333:role/gitpod-external-dns-abc123' },
      certManager: { namespaceName: 'cert-manager', serviceAccountName: 'cert-manager', identity: 'arn:aws:iam::111122223333:role/gitpod-cert-manager-abc123' },
    });
    const gitops = new GitpodGitOps(K8sTesting.app(), 'g', { zone, flavor: GitOpsFlavor.ARGO_CD, issuer: { email: 'a@example.com' } });
    expect(gitops.releaseValues['external-dns'].extraArgs['aws-assume-role']).toBe(`arn:aws:iam::${DNS_ACCOUNT}:role/${dnsRole('external-dns').name}`);
    expect(gitops.issuer.clusterIssuer.toJson().spec.acme.solvers[0].dns01.route53.role).toBe(`arn:aws:iam::${DNS_ACCOUNT}:role/${dnsRole('cert-manager').name}`);
  });

  test('refuses a DNS-account provider without the account id, and asks for the provider where Terraform needs it', () => {
    const stack = testStack();
    const dnsAccountProvider = new AwsProvider(stack, 'dns', { alias: 'dns' });
    expect(() => new AwsRoute53({ region: 'eu-west-1', oidcProviderArn: OIDC, dnsAccountProvider })).toThrow(/^AwsRoute53\.dnsAccountId: expected the DNS account's id/);
    const cloud = new AwsRoute53({ region: 'eu-west-1', oidcProviderArn: OIDC, dnsAccountId: DNS_ACCOUNT });
    expect(() => new GitpodDnsZone(stack, 'zone', { cloud, domain: DOMAIN })).toThrow(/^AwsRoute53\.dnsAccountProvider: expected the AwsProvider of the DNS account 444455556666/);
  });
});
