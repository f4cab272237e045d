// Jest global setup: unzips the helm binary once, before the workers start, so parallel test
// files never race to extract it (see scripts/helm-binary.ts).
import { helmBinary } from '../../scripts/helm-binary';

export default function globalSetup(): void {
  helmBinary();
}
