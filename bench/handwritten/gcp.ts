// The Google Cloud example (example/gcp.ts) written by hand: the same Terraform, no library.
import { DnsManagedZone } from '@cdktf/provider-google/lib/dns-managed-zone';
import { DnsManagedZoneIamMember } from '@cdktf/provider-google/lib/dns-managed-zone-iam-member';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import { certManager, clusterProviders, DOMAIN, externalDns, issuerStack, TAGS, ZONE_DESCRIPTION, zoneOutputs, KEEP } from './shared';

const project = 'my-gitpod-project';

/**
 * The Cloud DNS zone for `domain` and one service account per tool with dns.admin on the zone
 * only, used through GKE Workload Identity. `suffix` keeps the account ids unique per domain.
 */
function zoneAndIdentities(stack: TerraformStack, domain: string, suffix: string, idPrefix = '') {
  const zoneName = domain.replace(/\./g, '-');
  const zone = new DnsManagedZone(stack, 'zone', {
    project, name: zoneName, dnsName: `${domain}.`, description: ZONE_DESCRIPTION, labels: TAGS, lifecycle: KEEP,
  });
  zoneOutputs(stack, 'gcp', zone.nameServers, zone.name, domain);
  const serviceAccount = (tool: string) => {
    const account = new ServiceAccount(stack, `${idPrefix}${tool}-service-account`, {
      project,
      accountId: `${tool}-${suffix}`,
      displayName: `Gitpod ${tool} (${domain})`,
      description: `Changes DNS records in the zone ${domain} for Gitpod's ${tool}.`,
    });
    const member = `serviceAccount:${account.email}`;
    new DnsManagedZoneIamMember(stack, `${idPrefix}${tool}-dns-admin`, { project, managedZone: zone.name, role: 'roles/dns.admin', member });
    new ServiceAccountIamMember(stack, `${idPrefix}${tool}-workload-identity`, {
      serviceAccountId: account.name, role: 'roles/iam.workloadIdentityUser', member: `serviceAccount:${project}.svc.id.goog[${tool}/${tool}]`,
    });
    return { account, member };
  };
  const dns = serviceAccount('external-dns');
  const acme = serviceAccount('cert-manager');
  // external-dns lists the project's zones.
  new ProjectIamMember(stack, `${idPrefix}external-dns-dns-reader`, { project, role: 'roles/dns.reader', member: dns.member });
  return { zoneName, externalDns: dns.account, certManager: acme.account };
}

export function gcpByHand(app: App): void {
  const kubeContext = `gke_${project}_europe-west1_gitpod`;

  const stack = new TerraformStack(app, 'gitpod-gcp');
  new GoogleProvider(stack, 'google', { project, region: 'europe-west1' });
  clusterProviders(stack, kubeContext);
  const identities = zoneAndIdentities(stack, DOMAIN, 'c1c45c');

  const annotations = (sa: ServiceAccount) => ({ annotations: { 'iam.gke.io/gcp-service-account': sa.email } });
  externalDns(stack, annotations(identities.externalDns), {
    provider: { name: 'google' },
    extraArgs: { 'google-project': project, 'google-zone-visibility': 'public' },
  });
  certManager(stack, annotations(identities.certManager));

  issuerStack(app, 'gitpod-gcp-issuer', kubeContext, stack, { cloudDNS: { project, hostedZoneName: identities.zoneName } });
}

/** The GitOps example's cloud side (example/gitops.ts): the zone, the identities and the hand-over output. */
export function gitopsByHand(app: App): void {
  const domain = 'gitpod-gitops.example.com';
  const stack = new TerraformStack(app, 'gitpod-gcp-gitops');
  new GoogleProvider(stack, 'google', { project, region: 'europe-west1' });
  const identities = zoneAndIdentities(stack, domain, '3e924d', 'identities-');
  const workload = (name: string, sa: ServiceAccount) => ({ identity: sa.email, namespaceName: name, serviceAccountName: name });
  new TerraformOutput(stack, 'identities_handover', {
    description: 'What the cluster side needs (GitpodDnsZone.fromOutputsFile reads it from `cdktf deploy --outputs-file`): the zone, the DNS provider and the workload identities. No credential.',
    value: {
      cdkGitpodNetworkingHandover: 1,
      cloud: { name: 'gcp', props: { clusterProject: project, identity: 'workload-identity', project, roleScope: 'zone' } },
      domain,
      workloads: { 'cert-manager': workload('cert-manager', identities.certManager), 'external-dns': workload('external-dns', identities.externalDns) },
      zoneId: identities.zoneName,
      zoneName: domain,
    },
  });
}
