// Licensed under the MIT license. See LICENSE in the project root.

using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using Serow.Benchmarks.WebSockets;
using Serow.Http;
using Wsbench.Chat;

// Idle connections: the server memory an open, idle stream holds, against a raw WebSocket.
internal sealed partial class Bench
{
    public async Task IdleAsync(int connections)
    {
        var before = await StatsAsync(true);
        var streams = new List<IChatIdleClientStream>(connections);
        var client = new ChatHttpClient(_http, new SerowHttpClientOptions { KeepAliveInterval = TimeSpan.Zero, StreamCapacity = 1 });
        var stopwatch = Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(64);
        var opened = await Task.WhenAll(Enumerable.Range(0, connections).Select(async index =>
        {
            await gate.WaitAsync();
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                var stream = await client.IdleAsync(timeout.Token);
                _ = await stream.RecvAsync(timeout.Token);
                return stream;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Console.Error.WriteLine("  idle: " + e.Message);
                return null;
            }
            finally
            {
                gate.Release();
            }
        }));
        streams.AddRange(opened.Where(s => s is not null)!);
        var openTime = stopwatch.Elapsed;
        await Task.Delay(1000);
        var after = await StatsAsync(true);
        Console.WriteLine($"idle: {streams.Count} Serow streams open (of {connections}) in {openTime.TotalSeconds:0.0} s;"
            + $" server working set {before.WorkingSet / 1048576.0:N1} → {after.WorkingSet / 1048576.0:N1} MiB ({(after.WorkingSet - before.WorkingSet) / (double)Math.Max(1, streams.Count) / 1024:N1} KiB per connection),"
            + $" managed heap {before.Heap / 1048576.0:N1} → {after.Heap / 1048576.0:N1} MiB ({(after.Heap - before.Heap) / (double)Math.Max(1, streams.Count) / 1024:N1} KiB per connection)");
        await HoldAsync();
        foreach (var chunk in streams.Chunk(500))
        {
            await Task.WhenAll(chunk.Select(s => s.DisposeAsync().AsTask()));
        }

        await RawIdleAsync(connections);
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

    // The same number of raw ASP.NET Core WebSockets, each sent one message and then waiting with a zero-byte receive:
    // the floor of what an idle stream costs on this server, measured the same way.
    private async Task RawIdleAsync(int connections)
    {
        await Task.Delay(1000);
        var before = await StatsAsync(true);
        using var gate = new SemaphoreSlim(64);
        var buffer = new byte[4096];
        var opened = await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                var socket = await RawConnectAsync("raw/idle");
                await socket.ReceiveAsync(new byte[4096].AsMemory(), CancellationToken.None);
                return socket;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Console.Error.WriteLine("  raw idle: " + e.Message);
                return null;
            }
            finally
            {
                gate.Release();
            }
        }));
        var sockets = opened.Where(s => s is not null).Select(s => s!).ToList();
        await Task.Delay(1000);
        var after = await StatsAsync(true);
        Console.WriteLine($"idle (raw): {sockets.Count} raw WebSockets open (of {connections});"
            + $" server working set {before.WorkingSet / 1048576.0:N1} → {after.WorkingSet / 1048576.0:N1} MiB ({(after.WorkingSet - before.WorkingSet) / (double)Math.Max(1, sockets.Count) / 1024:N1} KiB per connection),"
            + $" managed heap {before.Heap / 1048576.0:N1} → {after.Heap / 1048576.0:N1} MiB ({(after.Heap - before.Heap) / (double)Math.Max(1, sockets.Count) / 1024:N1} KiB per connection)");
        await HoldAsync();
        foreach (var chunk in sockets.Chunk(500))
        {
            await Task.WhenAll(chunk.Select(async s =>
            {
                try
                {
                    await s.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
                }
                catch (WebSocketException)
                {
                }

                s.Dispose();
            }));
        }
    }
}
