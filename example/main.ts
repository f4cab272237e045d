// The example app that `npx cdktf synth` runs (see cdktf.json): one Gitpod installation for
// gitpod.example.com per cloud. Terraform JSON goes to cdktf.out/, manifests to dist/, the Gitpod
// installer config fragments to dist/installer/.
import { App } from 'cdktf';
import { awsExample } from './aws';
import { azureExample } from './azure';
import { gcpExample } from './gcp';
import { gitopsCloudExample } from './gitops';
import { GitpodManifestsApp } from '../src';

const app = new App();
// Writes the manifests, and each installation's installer config fragment to dist/installer/.
const manifests = new GitpodManifestsApp({ outdir: 'dist' });

gcpExample(app, manifests);
awsExample(app, manifests);
azureExample(app, manifests);
// The cloud side of a GitOps installation; its cluster side is the cdk8s app in example-gitops/.
gitopsCloudExample(app);

// Everything is built and validated before anything is written.
app.synth();
manifests.synth();
