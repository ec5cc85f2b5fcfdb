/**
 * Where Terraform's language takes a static reference rather than an expression (meta-arguments are read before any
 * value is known): `depends_on`, `provider`, `lifecycle.ignore_changes` and `lifecycle.replace_triggered_by`. An
 * interpolation there, `"${aws_eks_cluster.main}"`, fails `terraform init` and `validate` with "A single static
 * variable reference is required" (or "Invalid expression"). This walks a synthesized stack for such values.
 */

/** A bare traversal: `aws_eks_cluster.main`, `module.x`, `data.aws_region.r`, `aws.west`, `version`, `launch_template[0].version`. */
const STATIC = /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*|\[\d+\]|\["[^"]*"\])*$/;

/** Every value in a static-reference position that is not a bare reference, as `<address>: <meta-argument>: <value>`. */
export function nonStaticReferences(json: string): string[] {
  const tf = JSON.parse(json);
  const problems: string[] = [];
  const check = (address: string, what: string, value: unknown) => {
    if (typeof value !== 'string' || !STATIC.test(value)) problems.push(`${address}: ${what}: ${JSON.stringify(value)}`);
  };
  for (const [kind, prefix] of [['resource', ''], ['data', 'data.']] as const) {
    for (const [type, blocks] of Object.entries<Record<string, any>>(tf[kind] ?? {})) {
      for (const [name, block] of Object.entries<any>(blocks)) {
        const address = `${prefix}${type}.${name}`;
        for (const d of block.depends_on ?? []) check(address, 'depends_on', d);
        if (block.provider !== undefined) check(address, 'provider', block.provider);
        const lifecycle = block.lifecycle ?? {};
        if (Array.isArray(lifecycle.ignore_changes)) lifecycle.ignore_changes.forEach((f: unknown) => check(address, 'lifecycle.ignore_changes', f));
        else if (lifecycle.ignore_changes !== undefined && lifecycle.ignore_changes !== 'all') check(address, 'lifecycle.ignore_changes', lifecycle.ignore_changes);
        for (const r of lifecycle.replace_triggered_by ?? []) check(address, 'lifecycle.replace_triggered_by', r);
      }
    }
  }
  for (const [name, output] of Object.entries<any>(tf.output ?? {})) {
    for (const d of output.depends_on ?? []) check(`output.${name}`, 'depends_on', d);
  }
  return problems;
}
