// The example app that `npx cdktf synth` runs (see cdktf.json): one Gitpod installation for
// gitpod.example.com per cloud. Terraform JSON goes to cdktf.out/, manifests to dist/.
import * as cdk8s from 'cdk8s';
import { App } from 'cdktf';
import { awsExample } from './aws';
import { azureExample } from './azure';
import { gcpExample } from './gcp';

const app = new App();
const manifests = new cdk8s.App({ outdir: 'dist' });

gcpExample(app, manifests);
awsExample(app, manifests);
azureExample(app, manifests);

// Everything is built and validated before anything is written.
app.synth();
manifests.synth();
