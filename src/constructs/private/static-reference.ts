import { IResolvable, IResolveContext, ITerraformDependable, Token } from 'cdktf';

/**
 * An entry for a resource's `depends_on`: Terraform accepts only a bare static reference there
 * (`aws_eks_cluster.main`), and refuses an interpolation such as `"${aws_eks_cluster.main}"` with "A single static
 * variable reference is required". A resource's `fqn` resolves to the interpolated form, so it is resolved here with
 * braces suppressed, as the framework does for the `dependsOn` given at construction.
 */
export function dependencyOn(resource: ITerraformDependable): string {
  const reference: IResolvable = {
    creationStack: [],
    resolve(context: IResolveContext): string {
      context.suppressBraces = true;
      return resource.fqn;
    },
    toString: () => Token.asString(reference),
  };
  return Token.asString(reference);
}
