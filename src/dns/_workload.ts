// Helpers the clouds share for the cluster side of a workload.
import { DnsWorkload, DnsWorkloadRequest, DnsWorkloadValuesRequest } from './gitpod-cloud';
import { shortHash } from '../internal/hash';
import { invalid, isUnresolved } from '../internal/validate';

/**
 * A short hash that keeps cloud identity names apart: of the domain, and of the namespace and
 * service account when they are not the tool's own name, so that a second external-dns (a
 * private zone beside the public one) gets identities of its own.
 */
export function identityHash(request: Pick<DnsWorkloadRequest, 'workload' | 'domain' | 'namespaceName' | 'serviceAccountName'>): string {
  const own = request.namespaceName === request.workload && request.serviceAccountName === request.workload;
  return own ? shortHash(request.domain.name) : shortHash(request.domain.name, request.namespaceName, request.serviceAccountName);
}

/** A private zone cannot answer ACME: Let's Encrypt reads the challenge from the internet. */
export function refusePrivateZoneForAcme(cloud: string): never {
  return invalid('GitpodIssuer.zone', 'a public zone: Let\'s Encrypt reads the DNS-01 challenge record from the internet, which a private zone does not answer (in a split-horizon setup, give GitpodIssuer the public zone)', `a private ${cloud} zone`);
}

/**
 * The workload's cloud identity, required: on the GitOps path it comes from the hand-over (or
 * `GitpodDnsZone.fromAttributes`), and must then be a literal of the cloud's form.
 */
export function requireIdentity(request: DnsWorkloadValuesRequest, form: RegExp, expected: string): string {
  const property = `zone.${request.workload === DnsWorkload.EXTERNAL_DNS ? 'externalDns' : 'certManager'}.identity`;
  const identity = request.identity;
  if (identity === undefined || identity === '') {
    invalid(property, `${expected} that ${request.workload} acts as (GitpodDnsZone.fromOutputsFile reads it from the GitpodDnsIdentities hand-over; or pass it to GitpodDnsZone.fromAttributes)`, identity);
  }
  if (!isUnresolved(identity) && !form.test(identity)) invalid(property, expected, identity);
  return identity;
}
