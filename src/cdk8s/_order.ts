// The order a GitpodIssuer's objects are applied in, on every path: Terraform (each stage depends
// on the ones before, and waits for them to be Ready) and Argo CD (one sync wave per stage).
// cert-manager needs each link of the chain before the next: the issuer before its certificate,
// a CA certificate before the issuer on it.

/** The stage of one object: lower stages first. */
export function applyStage(object: { [key: string]: any }): number {
  const certManager = typeof object.apiVersion === 'string' && object.apiVersion.startsWith('cert-manager.io/');
  if (object.kind === 'Namespace') return 0;
  if (certManager && (object.kind === 'ClusterIssuer' || object.kind === 'Issuer')) return object.spec?.ca ? 3 : 1;
  if (certManager && object.kind === 'Certificate') return object.spec?.isCA ? 2 : 4;
  // What reads the certificates (a trust-manager Bundle) or watches them (alerts): last.
  return 5;
}

/** The stages the objects use, in order, each with its objects (stages without objects left out). */
export function stagesOf<T extends { [key: string]: any }>(objects: T[], json: (o: T) => { [key: string]: any } = (o) => o): T[][] {
  const byStage = new Map<number, T[]>();
  for (const object of objects) {
    const stage = applyStage(json(object));
    byStage.set(stage, [...byStage.get(stage) ?? [], object]);
  }
  return [...byStage.keys()].sort((a, b) => a - b).map((stage) => byStage.get(stage)!);
}
