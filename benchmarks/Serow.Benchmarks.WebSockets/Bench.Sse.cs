// Licensed under the MIT license. See LICENSE in the project root.

using System.Net.ServerSentEvents;
using System.Text.Json;
using Serow.Benchmarks.WebSockets;
using Serow.Http;
using Wsbench.Chat;

// Server-Sent Events: Serow's generated SSE method read by its generated client, against a minimal-API endpoint returning
// TypedResults.ServerSentEvents read with SseParser.
internal sealed partial class Bench
{
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
