// Helpers the clouds share for the cluster side of a workload.
import { invalid, isUnresolved } from '../_validate';
import { DnsWorkload, DnsWorkloadValuesRequest } from './gitpod-cloud';

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
