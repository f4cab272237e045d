import { Construct } from 'constructs';
import {
  AddressRecordsRequest, DelegationRequest, Dns01SolverRequest, DnsWorkload, DnsWorkloadBinding, DnsWorkloadConfig,
  DnsWorkloadRequest, DnsWorkloadValuesRequest, DnsZoneAttributes, DnsZoneRequest, IGitpodCloud,
} from '../../src';

/**
 * A fourth "cloud" in a few lines: the constructs only talk to IGitpodCloud. Records what they
 * asked for, and can be told to return a Terraform token in its solver or other proxy annotations.
 */
export class FakeCloud implements IGitpodCloud {
  public readonly cloudName = 'fake';
  public readonly requests: Array<{ method: string; request: any }> = [];

  constructor(
    private readonly solver: { [key: string]: any } = { webhook: { groupName: 'acme.example.com', solverName: 'fake' } },
    private readonly annotations: { [key: string]: string } = { 'fake.example.com/lb': 'true' },
  ) {}

  public bindZone(_scope: Construct, request: DnsZoneRequest): DnsZoneAttributes {
    this.requests.push({ method: 'bindZone', request });
    return { zoneName: request.zoneName, zoneId: request.existingZoneId ?? 'fake-zone', nameServers: ['ns1.fake.'] };
  }
  public bindWorkload(_scope: Construct, request: DnsWorkloadRequest): DnsWorkloadBinding {
    this.requests.push({ method: 'bindWorkload', request });
    return {
      identity: `fake-identity-of-${request.workload}`,
      credentials: request.workload === DnsWorkload.CERT_MANAGER ? { name: 'fake-credentials', data: { token: 'x' } } : undefined,
    };
  }
  public workloadValues(request: DnsWorkloadValuesRequest): DnsWorkloadConfig {
    this.requests.push({ method: 'workloadValues', request });
    return request.workload === DnsWorkload.EXTERNAL_DNS
      ? { values: { provider: { name: 'fake' } } }
      : { values: { podLabels: { fake: 'true' } }, credentialsSecretName: 'fake-credentials' };
  }
  public proxyServiceAnnotations(): { [key: string]: string } {
    return this.annotations;
  }
  public addAddressRecords(_scope: Construct, request: AddressRecordsRequest): void {
    this.requests.push({ method: 'addAddressRecords', request });
  }
  public addDelegation(_scope: Construct, request: DelegationRequest): void {
    this.requests.push({ method: 'addDelegation', request });
  }
  public dns01Solver(request: Dns01SolverRequest): { [key: string]: any } {
    this.requests.push({ method: 'dns01Solver', request });
    return this.solver;
  }
  public handoverProps(): { [key: string]: any } {
    return { solver: this.solver };
  }
}
