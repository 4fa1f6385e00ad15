// Licensed under the MIT license. See LICENSE in the project root.

using System.Collections;
using System.Reflection;
using Serow.Design;

namespace Serow.Dsl.Tests;

public sealed class DeterminismTests
{
    private static readonly Type[] Designs =
    [
        typeof(MonitorDesign), typeof(AnalyticsDesign), typeof(ChatDesign), typeof(LoggerDesign), typeof(VerbCoverageDesign),
    ];

    [Fact]
    public void Run_TwiceOnSameDesigns_ProducesEqualModels()
    {
        var first = DesignRunner.Run(Designs).GetRootOrThrow();
        var second = DesignRunner.Run(Designs).GetRootOrThrow();

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void Model_ReflectionWalk_FindsNoDelegate()
    {
        var root = DesignRunner.Run(Designs).GetRootOrThrow();
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);

        var count = Walk(root, visited);

        Assert.True(count > 100, $"walk visited only {count} objects");
    }

    [Fact]
    public void Run_Assembly_MergesEveryPublicDesignInTypeNameOrderDeterministically()
    {
        var first = DesignRunner.Run(typeof(DeterminismTests).Assembly);
        var second = DesignRunner.Run(typeof(DeterminismTests).Assembly);

        // The test assembly deliberately holds broken designs, so the merged run fails; it must fail the same way twice.
        Assert.False(first.Succeeded);
        Assert.Equal(first.Diagnostics, second.Diagnostics);
        Assert.Contains(first.Diagnostics, d => d.Id == DiagnosticIds.DeclaredTwice && d.Message.StartsWith("API ", StringComparison.Ordinal));

        // BidirectionalLoggerDesign sorts before LoggerDesign, so LoggerDesign's "logger" is the duplicate.
        var duplicate = Assert.Single(first.Diagnostics, d => d.Id == DiagnosticIds.DuplicateName
            && d.Message.StartsWith("service \"logger\"", StringComparison.Ordinal)
            && d.Location.File.EndsWith("SeedDesigns.cs", StringComparison.Ordinal)
            && Array.FindIndex(File.ReadAllLines(d.Location.File), l => l.Contains("public LoggerDesign()", StringComparison.Ordinal)) + 3 == d.Location.Line);
        Assert.Contains("SeedDesigns.cs", duplicate.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_TypeThatIsNotADesign_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => DesignRunner.Run(typeof(string)));

    [Fact]
    public void Run_NoApiDeclared_NamesTheApiApi() =>
        Assert.Equal("api", DesignRunner.Run(typeof(MonitorDesign)).GetRootOrThrow().Api.Name);

    private static int Walk(object? value, HashSet<object> visited)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return 0;
        }

        Assert.False(value is Delegate, $"found a delegate of type {value.GetType()}");
        if (!value.GetType().IsValueType && !visited.Add(value))
        {
            return 0;
        }

        var count = 1;
        if (value is IEnumerable items)
        {
            foreach (var item in items)
            {
                count += Walk(item, visited);
            }
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0 && property.DeclaringType?.Namespace == typeof(DesignRoot).Namespace)
            {
                count += Walk(property.GetValue(value), visited);
            }
        }

        foreach (var field in value.GetType().GetFields(BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Instance))
        {
            count += Walk(field.GetValue(value), visited);
        }

        return count;
    }
}
