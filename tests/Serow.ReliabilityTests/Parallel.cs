// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.ReliabilityTests;

/// <summary>Runs many small operations with bounded concurrency.</summary>
internal static class Bounded
{
    public static async Task<List<T>> RunAsync<T>(int count, int concurrency, Func<int, Task<T>> operation)
    {
        var results = new T[count];
        var next = -1;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                results[i] = await operation(i);
            }
        });
        await Task.WhenAll(workers);
        return [.. results];
    }

    /// <summary>What <paramref name="operation"/> threw, or null.</summary>
    public static async Task<Exception?> OutcomeAsync(Func<Task> operation)
    {
        try
        {
            await operation();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    /// <summary>Counts by kind and exception type, for failure messages.</summary>
    public static string Describe(IEnumerable<(string Kind, Exception? Outcome)> outcomes) =>
        string.Join("; ", outcomes.GroupBy(o => $"{o.Kind}: {o.Outcome?.GetType().Name ?? "no error"} {(o.Outcome as ServiceError)?.Name}").Select(g => $"{g.Key} ×{g.Count()}{(g.First().Outcome is { } e and not ServerStoppingError ? $" (first: {e.Message} {e.InnerException?.Message})" : string.Empty)}"));
}
