// Licensed under the MIT license. See LICENSE in the project root.

using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using Serow.Http;
using Wsbench.Chat;

// Idle connections: the server memory an open, idle stream holds, against a raw WebSocket.
internal sealed partial class Bench
{
    public async Task IdleAsync(int connections)
    {
        var client = new ChatHttpClient(_http, new SerowHttpClientOptions { KeepAliveInterval = TimeSpan.Zero, StreamCapacity = 1 });
        await MeasureIdleAsync("Serow streams", connections, async token =>
        {
            var stream = await client.IdleAsync(token);
            _ = await stream.RecvAsync(token);
            return stream;
        });

        // The same number of raw ASP.NET Core WebSockets, each sent one message and then waiting with a zero-byte
        // receive: the floor of what an idle stream costs on this server, measured the same way.
        await MeasureIdleAsync("raw WebSockets", connections, async token =>
        {
            var socket = await RawConnectAsync("raw/idle");
            await socket.ReceiveAsync(new byte[4096].AsMemory(), token);
            return new ClosingSocket(socket);
        });
    }

    private static async Task HoldAsync()
    {
        if (Environment.GetEnvironmentVariable("SEROW_BENCH_IDLE_HOLD") is { } hold)
        {
            // Keeps the streams open for a heap dump of the server (dotnet-gcdump collect -p <server pid>).
            Console.WriteLine($"idle: holding the streams for {hold} s");
            await Task.Delay(TimeSpan.FromSeconds(double.Parse(hold, CultureInfo.InvariantCulture)));
        }
    }

    private async Task MeasureIdleAsync(string what, int connections, Func<CancellationToken, Task<IAsyncDisposable>> open)
    {
        await Task.Delay(1000);
        var before = await StatsAsync(true);
        var stopwatch = Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(64);
        var opened = await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                return await open(timeout.Token);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Console.Error.WriteLine($"  idle ({what}): {e.Message}");
                return null;
            }
            finally
            {
                gate.Release();
            }
        }));
        var streams = opened.Where(s => s is not null).Select(s => s!).ToList();
        var openTime = stopwatch.Elapsed;
        await Task.Delay(1000);
        var after = await StatsAsync(true);
        Console.WriteLine($"idle: {streams.Count} {what} open (of {connections}) in {openTime.TotalSeconds:0.0} s;"
            + $" server working set {before.WorkingSet / 1048576.0:N1} → {after.WorkingSet / 1048576.0:N1} MiB ({(after.WorkingSet - before.WorkingSet) / (double)Math.Max(1, streams.Count) / 1024:N1} KiB per stream),"
            + $" managed heap {before.Heap / 1048576.0:N1} → {after.Heap / 1048576.0:N1} MiB ({(after.Heap - before.Heap) / (double)Math.Max(1, streams.Count) / 1024:N1} KiB per stream)");
        await HoldAsync();
        foreach (var chunk in streams.Chunk(500))
        {
            await Task.WhenAll(chunk.Select(s => s.DisposeAsync().AsTask()));
        }

        // The next measurement starts once the server has let these streams go (at most 30 s).
        for (var wait = 0; wait < 60 && (await StatsAsync(true)).Heap > before.Heap + (after.Heap - before.Heap) / 20; wait++)
        {
            await Task.Delay(500);
        }
    }

    /// <summary>A raw WebSocket closed normally when the measurement lets it go.</summary>
    private sealed class ClosingSocket(ClientWebSocket socket) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
            }
            catch (WebSocketException)
            {
            }

            socket.Dispose();
        }
    }
}
