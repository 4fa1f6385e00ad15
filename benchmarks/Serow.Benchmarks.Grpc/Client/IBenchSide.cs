// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Benchmarks.Grpc.Client;

/// <summary>One side of the comparison: a client calling its own server the same way the other side does.</summary>
internal interface IBenchSide : IAsyncDisposable
{
    /// <summary>The side's name in reports.</summary>
    string Name { get; }

    /// <summary>One unary call.</summary>
    Task UnaryAsync(int seq, string text);

    /// <summary>One server-streaming call of <paramref name="count"/> messages; returns how many arrived.</summary>
    /// <param name="intercepted">Through the method with one pass-through server interceptor, where the side has one.</param>
    Task<long> DownloadAsync(int count, string text, bool intercepted = false);

    /// <summary>One client-streaming call sending until <paramref name="until"/> (a <see cref="System.Diagnostics.Stopwatch"/> timestamp); returns how many were sent (checked against the server's count).</summary>
    Task<long> UploadAsync(long until, string text);

    /// <summary>One bidirectional call of ping-pong round trips until <paramref name="until"/>; writes each round trip's time (timestamp ticks) into <paramref name="latencies"/>.</summary>
    /// <param name="intercepted">Through the method with one pass-through server interceptor, where the side has one.</param>
    Task<long> PingAsync(long until, string text, long[] latencies, bool intercepted = false);
}
