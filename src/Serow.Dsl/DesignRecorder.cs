// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;
using Serow.Dsl.Expressions;

namespace Serow.Dsl;

/// <summary>
/// The private state of one <see cref="Design"/> instance: what its constructor declared, the element stack
/// the evaluator pushes while it runs blocks, and the errors found while executing.
/// </summary>
internal sealed class DesignRecorder
{
    private readonly Stack<object> _stack = new();

    public List<ApiExpr> Apis { get; } = [];

    public List<UserTypeExpr> Types { get; } = [];

    public List<UserTypeExpr> GeneratedTypes { get; } = [];

    public Dictionary<UserTypeExpr, UserTypeExpr> Collections { get; } = [];

    public List<ServiceExpr> Services { get; } = [];

    public List<SecuritySchemeExpr> SecuritySchemes { get; } = [];

    public List<InterceptorExpr> Interceptors { get; } = [];

    public List<DesignDiagnostic> Diagnostics { get; } = [];

    public object? Top => _stack.Count == 0 ? null : _stack.Peek();

    public string Where => Top is ILabeled labeled ? labeled.Label : "the top level of the design";

    public void Report(string id, string message, SourceLocation location) =>
        Diagnostics.Add(new DesignDiagnostic(id, message, location));

    /// <summary>Runs a block with an element on the stack; an exception becomes a diagnostic.</summary>
    public void Run(object element, Action block, SourceLocation callLocation)
    {
        _stack.Push(element);
        try
        {
            block();
        }
        catch (Exception exception)
        {
            var location = SourceLocator.FromException(exception);
            var label = element is ILabeled labeled ? labeled.Label : "design";
            Report(
                DiagnosticIds.DesignThrew,
                $"{label}: the design block threw {exception.GetType().Name}: {exception.Message}",
                location == SourceLocation.Unknown ? callLocation : location);
        }
        finally
        {
            _stack.Pop();
        }
    }
}
