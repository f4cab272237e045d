import { TerraformOutput, TerraformStack, Testing } from 'cdktf';

/**
 * What `cdktf deploy <stack> --outputs-file` writes for `stack`: outputs nested by construct path
 * under the stack name, with the references Terraform resolves at apply replaced by the values it
 * computes from the stack's own resources (a Google service account's email is
 * `<account_id>@<project>.iam.gserviceaccount.com`, a managed zone's name is its own). Other
 * references stay as they are.
 */
export function outputsFileOf(stack: TerraformStack): any {
  const json = JSON.parse(Testing.synth(stack));
  const resolve = (value: any): any => {
    if (typeof value === 'string') {
      return value
        .replace(/\$\{google_service_account\.([^.]+)\.email\}/g, (_, id) => {
          const account = json.resource.google_service_account[id];
          return `${account.account_id}@${account.project}.iam.gserviceaccount.com`;
        })
        .replace(/\$\{google_dns_managed_zone\.([^.]+)\.name\}/g, (_, id) => json.resource.google_dns_managed_zone[id].name);
    }
    if (Array.isArray(value)) return value.map(resolve);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
    return value;
  };
  // Nested like cdktf's `"//".outputs`: the stack name, then each construct id down to the output.
  const nested: any = {};
  for (const output of stack.node.findAll().filter((c): c is TerraformOutput => c instanceof TerraformOutput)) {
    const path = [stack.node.id, ...output.node.scopes.slice(stack.node.scopes.length).map((c) => c.node.id)];
    const parent = path.slice(0, -1).reduce((at, key) => (at[key] ??= {}), nested);
    parent[path[path.length - 1]] = resolve(json.output[output.friendlyUniqueId].value);
  }
  return nested;
}
