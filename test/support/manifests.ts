import { join } from 'path';
import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from 'worker_threads';

/** How long one validation may take before the validator thread is taken for dead. */
const TIMEOUT_MS = 120_000;

interface Validator {
  readonly worker: Worker;
  readonly port: MessagePort;
  /** 0 while a request is pending, 1 once its reply is posted. */
  readonly signal: Int32Array;
}

let validator: Validator | undefined;

/**
 * The validator thread of this test file: validate-manifests.mjs in a worker thread, started on
 * first use and stopped after the file's tests (test/support/setup-after-env.ts). The models are
 * ESM-only, which Jest's module system cannot load; a thread loads them once per test file, where
 * a process per check paid Node's start and the imports every time.
 */
function validatorThread(): Validator {
  if (!validator) {
    const signal = new Int32Array(new SharedArrayBuffer(4));
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(join(__dirname, 'validate-manifests.mjs'), { workerData: { port: port2, signal }, transferList: [port2] });
    // Never what keeps a Jest worker alive.
    worker.unref();
    port1.unref();
    validator = { worker, port: port1, signal };
  }
  return validator;
}

/**
 * Validates Kubernetes objects against the kubernetes-models schemas and, for cert-manager kinds,
 * the upstream CRDs in strict mode. Throws with every error found.
 */
export function validateManifests(objects: any[]): void {
  const { port, signal } = validatorThread();
  Atomics.store(signal, 0, 0);
  // As JSON, as the objects reach the cluster: what JSON drops (undefined) is not checked.
  port.postMessage(JSON.stringify(objects));
  // The call is synchronous, as the tests use it: this thread sleeps until the reply is posted.
  if (Atomics.wait(signal, 0, 0, TIMEOUT_MS) === 'timed-out') {
    void stopManifestValidator();
    throw new Error(`validate-manifests.mjs did not answer within ${TIMEOUT_MS / 1000} s`);
  }
  const reply = receiveMessageOnPort(port)?.message;
  if (!reply) throw new Error('validate-manifests.mjs woke the test without a reply');
  if (reply.failure) throw new Error(`invalid manifests:\n${reply.failure}`);
  if (reply.errors.length > 0) throw new Error(`invalid manifests:\n${reply.errors.join('\n')}\n`);
}

/** Stops the validator thread, if one was started. */
export async function stopManifestValidator(): Promise<void> {
  const running = validator;
  validator = undefined;
  if (running) {
    running.port.close();
    await running.worker.terminate();
  }
}
