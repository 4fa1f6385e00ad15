// Licensed under the MIT license. See LICENSE in the project root.

using System.Reflection;
using System.Runtime.Loader;

namespace Serow.Cli.Internal;

/// <summary>
/// A collectible load context for a design assembly: resolves its dependencies from its own folder, except the DSL and
/// the design model, which must be the tool's own copies so that the design's base type is the one the runner knows.
/// </summary>
internal sealed class DesignLoadContext : AssemblyLoadContext
{
    private static readonly HashSet<string> SharedAssemblies = new(StringComparer.OrdinalIgnoreCase)
    {
        "Serow.Dsl",
        "Serow.Design",
    };

    private readonly AssemblyDependencyResolver resolver;

    public DesignLoadContext(string assemblyPath)
        : base("Serow design " + Path.GetFileNameWithoutExtension(assemblyPath), isCollectible: true) =>
        resolver = new AssemblyDependencyResolver(assemblyPath);

    public static bool IsShared(AssemblyName name) => name.Name is { } simpleName && SharedAssemblies.Contains(simpleName);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (IsShared(assemblyName))
        {
            return null;
        }

        var path = resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
