// Licensed under the MIT license. See LICENSE in the project root.

using System.Reflection;
using Serow.Design;

namespace Serow.Dsl;

/// <summary>Evaluates designs: runs their blocks, fills defaults, validates, and builds the immutable model.</summary>
public static class DesignRunner
{
    /// <summary>Evaluates the given design classes, in the given order, into one model.</summary>
    /// <param name="designTypes">Non-abstract <see cref="Design"/> subclasses with a public parameterless constructor.</param>
    /// <returns>The model and every error found.</returns>
    public static DesignResult Run(params Type[] designTypes)
    {
        ArgumentNullException.ThrowIfNull(designTypes);
        foreach (var type in designTypes)
        {
            if (!IsDesign(type))
            {
                throw new ArgumentException($"{type} is not a non-abstract Design subclass with a public parameterless constructor.", nameof(designTypes));
            }
        }

        var evaluator = new DesignEvaluator();
        foreach (var type in designTypes)
        {
            evaluator.Instantiate(type);
        }

        return evaluator.Evaluate();
    }

    /// <summary>Evaluates every public design class of an assembly, ordered by full type name, into one model.</summary>
    /// <param name="assembly">The assembly holding the designs.</param>
    /// <returns>The model and every error found.</returns>
    public static DesignResult Run(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return Run(assembly.GetExportedTypes().Where(IsDesign).OrderBy(t => t.FullName, StringComparer.Ordinal).ToArray());
    }

    private static bool IsDesign(Type type) =>
        type is { IsAbstract: false, IsClass: true } && typeof(Design).IsAssignableFrom(type) && type.GetConstructor(Type.EmptyTypes) is not null;
}
