// The example app (example/main.ts, three clouds and the GitOps cloud side) written by hand.
import { App } from 'cdktf';
import { awsByHand } from './aws';
import { azureByHand } from './azure';
import { gcpByHand, gitopsByHand } from './gcp';

const app = new App();
gcpByHand(app);
awsByHand(app);
azureByHand(app);
gitopsByHand(app);
app.synth();
