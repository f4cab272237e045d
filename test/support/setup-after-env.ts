// Runs in every test file before its tests (jest's setupFilesAfterEnv, see .projenrc.ts).
import { stopManifestValidator } from './manifests';

// The file's validator thread (test/support/manifests.ts) ends with the file: a Jest worker runs
// many files and must not collect idle threads.
afterAll(() => stopManifestValidator());
