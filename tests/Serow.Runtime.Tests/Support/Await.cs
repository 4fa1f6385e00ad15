// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Runtime.Tests.Support;

/// <summary>Bounds every await of the tests so a bug shows as a timeout, not a hang.</summary>
public static class Await
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    public static Task Within(this Task task) => task.WaitAsync(Limit);

    /// <summary>A token that fires after the limit, for operations that take one.</summary>
    public static CancellationToken Token() => new CancellationTokenSource(Limit).Token;

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Limit);

    public static Task Within(this ValueTask task) => task.AsTask().WaitAsync(Limit);

    public static Task<T> Within<T>(this ValueTask<T> task) => task.AsTask().WaitAsync(Limit);

    /// <summary>Waits until <paramref name="condition"/> holds, polling; fails after the limit.</summary>
    public static async Task UntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Limit);
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }
}
