// Azure: Azure DNS + AKS with Azure Workload Identity. (Filled in by the Azure implementation.)
import * as cdk8s from 'cdk8s';
import { App } from 'cdktf';

export function azureExample(_app: App, _manifests: cdk8s.App): void {}
