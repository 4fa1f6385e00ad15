// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Dsl.Expressions;

namespace Serow.Dsl;

/// <summary>
/// A handle to a design type: a primitive such as <c>String</c>, a user type from <c>Type</c> or
/// <c>ResultType</c>, or a type built with <c>ArrayOf</c>, <c>MapOf</c> or <c>CollectionOf</c>.
/// Pass it wherever a DSL verb expects a type.
/// </summary>
public sealed class DslType
{
    internal DslType(TypeExpr expr) => Expr = expr;

    internal TypeExpr Expr { get; }

    /// <summary>Names the type as diagnostics do.</summary>
    public override string ToString() => Expr.Describe();
}
