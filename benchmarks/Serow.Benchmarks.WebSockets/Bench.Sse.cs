// Licensed under the MIT license. See LICENSE in the project root.

using System.Diagnostics;
using System.Globalization;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Serow.Benchmarks.WebSockets;
using Serow.Http;
using Wsbench.Chat;

// Server-Sent Events: Serow's generated SSE method read by its generated client, against a minimal-API endpoint returning
// TypedResults.ServerSentEvents read with SseParser; in Node, the generated TypeScript client against a plain fetch reader.
internal sealed partial class Bench
{
    // The CPU time the last Node client used, counted as the client's.
    private double _nodeCpuMicros;

    /// <summary>Runs typescript/out/bench.js (bash run.sh builds it) for <paramref name="time"/>; the messages it read.</summary>
    private async Task<long> NodeSseAsync(string transport, TimeSpan time, int streams, int size)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "typescript", "out", "bench.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"{script} is missing: run `npm ci && npm run build` in typescript/ (bash run.sh does)");
        }

        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { script, address.ToString(), transport, time.TotalSeconds.ToString(CultureInfo.InvariantCulture), streams.ToString(CultureInfo.InvariantCulture), size.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var node = Process.Start(start)!;
        var output = await node.StandardOutput.ReadToEndAsync();
        await node.WaitForExitAsync();
        if (node.ExitCode != 0)
        {
            throw new InvalidOperationException($"node bench.js {transport} exited with {node.ExitCode}");
        }

        using var result = JsonDocument.Parse(output);
        Interlocked.Exchange(ref _nodeCpuMicros, result.RootElement.GetProperty("cpuMicros").GetDouble());
        return result.RootElement.GetProperty("count").GetInt64();
    }

    private Task<long> SseDownloadAsync(string transport, TimeSpan time, int size) =>
        RepeatAsync(time, () => SseDownloadOnceAsync(transport, size));

    private async Task<long> SseDownloadOnceAsync(string transport, int size)
    {
        long count = 0;
        if (transport == "Serow")
        {
            var client = new ChatHttpClient(_http, _serowOptions);
            await using var stream = await client.EventsAsync(new EventsPayload { Count = size });
            while (await stream.RecvAsync() is not null)
            {
                count++;
            }
        }
        else
        {
            using var response = await _http.GetAsync($"raw/events/{size}", HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            var parser = SseParser.Create(body, static (_, data) => JsonSerializer.Deserialize(data, RawJson.Default.ChatMessage)!);
            await foreach (var _ in parser.EnumerateAsync())
            {
                count++;
            }
        }

        if (count != size)
        {
            throw new InvalidOperationException($"{transport} SSE delivered {count} of {size} messages");
        }

        return count;
    }

    /// <summary>The server memory an open, idle SSE stream holds: Serow's against the minimal-API endpoint's.</summary>
    public async Task SseIdleAsync(int connections)
    {
        var client = new ChatHttpClient(_http, new SerowHttpClientOptions { KeepAliveInterval = TimeSpan.Zero, StreamCapacity = 1 });
        await MeasureIdleAsync("Serow SSE streams", connections, async token =>
        {
            var stream = await client.IdleEventsAsync(token);
            _ = await stream.RecvAsync(token);
            return stream;
        });
        await MeasureIdleAsync("minimal-API SSE responses", connections, async token =>
        {
            var response = await _http.GetAsync("raw/idle-events", HttpCompletionOption.ResponseHeadersRead, token);
            var body = await response.Content.ReadAsStreamAsync(token);
            var events = SseParser.Create(body, static (_, data) => JsonSerializer.Deserialize(data, RawJson.Default.ChatMessage)!).EnumerateAsync(CancellationToken.None).GetAsyncEnumerator(CancellationToken.None);
            _ = await events.MoveNextAsync();
            return new OpenResponse(response, events);
        });
    }

    /// <summary>A minimal-API SSE response held open after its first event.</summary>
    private sealed class OpenResponse(HttpResponseMessage response, IAsyncEnumerator<SseItem<Wsbench.ChatMessage>> events) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            response.Dispose();
            try
            {
                await events.DisposeAsync();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or HttpRequestException)
            {
            }
        }
    }
}
