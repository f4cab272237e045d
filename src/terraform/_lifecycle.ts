// What the user owns outlives this library's mistakes and theirs: zones, the Gitpod namespace and
// its certificate refuse a destroy or a replacement plan (Terraform `lifecycle.prevent_destroy`)
// unless the construct's `preventDestroy` prop is false.
import type { TerraformResource } from 'cdktf';

/** Sets `lifecycle.prevent_destroy` on `resource`, keeping whatever else its lifecycle holds. */
export function preventDestroy(resource: TerraformResource): void {
  resource.lifecycle = { ...resource.lifecycle, preventDestroy: true };
}
