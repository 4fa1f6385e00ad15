// Licensed under the MIT license. See LICENSE in the project root.

using System.Reflection;
using Serow.Dsl;

namespace Serow.Cli.Internal;

/// <summary>Loads a built design assembly in its own load context and evaluates every design it declares.</summary>
internal static class DesignLoader
{
    public static DesignResult Evaluate(string assemblyPath)
    {
        var context = new DesignLoadContext(assemblyPath);
        try
        {
            Assembly assembly;
            try
            {
                // Loaded from its path, not a stream, so that the PDB beside it gives design errors their file and line.
                assembly = context.LoadFromAssemblyPath(Path.GetFullPath(assemblyPath));
            }
            catch (Exception exception) when (exception is BadImageFormatException or FileLoadException or FileNotFoundException)
            {
                throw new CliException($"could not load the design assembly '{assemblyPath}': {exception.Message}", exception);
            }

            try
            {
                return DesignRunner.Run(assembly);
            }
            catch (ReflectionTypeLoadException exception)
            {
                var reasons = exception.LoaderExceptions.OfType<Exception>().Select(e => e.Message).Distinct();
                throw new CliException(
                    $"could not load the types of '{assemblyPath}': {string.Join("; ", reasons)}",
                    exception);
            }
        }
        finally
        {
            context.Unload();
        }
    }
}
