import { Construct } from 'constructs';
import { AddressRecordsRequest, DelegationRequest, Dns01SolverRequest, DnsWorkloadConfig, DnsWorkloadRequest, DnsZoneAttributes, DnsZoneRequest, IGitpodCloud } from '../../src';

/**
 * A fourth "cloud" in a dozen lines: the constructs only talk to IGitpodCloud. Records what they
 * asked for, and can be told to return a Terraform token in its solver.
 */
export class FakeCloud implements IGitpodCloud {
  public readonly cloudName = 'fake';
  public readonly requests: Array<{ method: string; request: any }> = [];

  constructor(private readonly solver: { [key: string]: any } = { webhook: { groupName: 'acme.example.com', solverName: 'fake' } }) {}

  public bindZone(_scope: Construct, request: DnsZoneRequest): DnsZoneAttributes {
    this.requests.push({ method: 'bindZone', request });
    return { zoneName: request.zoneName, zoneId: request.existingZoneId ?? 'fake-zone', nameServers: ['ns1.fake.'] };
  }
  public bindExternalDns(_scope: Construct, request: DnsWorkloadRequest): DnsWorkloadConfig {
    this.requests.push({ method: 'bindExternalDns', request });
    return { values: { provider: { name: 'fake' } } };
  }
  public bindCertManager(_scope: Construct, request: DnsWorkloadRequest): DnsWorkloadConfig {
    this.requests.push({ method: 'bindCertManager', request });
    return { values: { podLabels: { fake: 'true' } }, secret: { name: 'fake-credentials', data: { token: 'x' } } };
  }
  public proxyServiceAnnotations(): { [key: string]: string } {
    return { 'fake.example.com/lb': 'true' };
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
}
