// Charts rendered for Terraform (GitpodManifests: `kubernetes_manifest`s, resolved at apply) may
// hold Terraform tokens; a chart written into a manifest file never may.
import { Chart } from 'cdk8s';

const RENDERING_FOR_TERRAFORM = new WeakSet<Chart>();

/** The chart's objects for Terraform: a chart's own token checks let them through. */
export function toTerraformJson(chart: Chart): any[] {
  RENDERING_FOR_TERRAFORM.add(chart);
  try {
    return chart.toJson();
  } finally {
    RENDERING_FOR_TERRAFORM.delete(chart);
  }
}

/** True while the chart is rendered for Terraform. */
export function renderingForTerraform(chart: Chart): boolean {
  return RENDERING_FOR_TERRAFORM.has(chart);
}
