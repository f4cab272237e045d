// AWS: Route53 + EKS with IRSA. (Filled in by the AWS implementation.)
import * as cdk8s from 'cdk8s';
import { App } from 'cdktf';

export function awsExample(_app: App, _manifests: cdk8s.App): void {}
