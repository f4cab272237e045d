// Azure: Azure DNS + AKS with Azure Workload Identity. (Filled in by the Azure implementation.)
import { App } from 'cdktf';
import { GitpodManifestsApp } from '../src';

export function azureExample(_app: App, _manifests: GitpodManifestsApp): void {}
