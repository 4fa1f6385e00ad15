// Licensed under the MIT license. See LICENSE in the project root.

using Api;
using Api.Ticker;
using Microsoft.AspNetCore.Http;
using Serow.Topics;

namespace Serow.FunctionalTests.Resumable;

/// <summary>One tick of the feed, as the topic keeps it.</summary>
public readonly record struct Tick(long Seq, double Price);

/// <summary>
/// Relays a topic of ticks to each stream from the position the client resumes after (the topic's start for a first
/// connection; its live end for the symbol <see cref="LiveSymbol"/>, announced with <c>StartAfterAsync</c>).
/// <c>drop_after</c> aborts the connection itself after that many ticks, as a network failure would; <c>drop_after: 0</c>
/// on a live first connection fails it with a temporary error right after the announcement, before any tick.
/// </summary>
public sealed class TickerService(ITopic<Tick> ticks, IHttpContextAccessor http) : ITickerService
{
    private int _connections;

    /// <summary>How many streams were opened, first connections and resumes alike.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>
    /// Awaited before a cut, with the seq of the last tick sent: a sent tick may still wait for its flush, so a test that
    /// counts what arrived before the cut waits there until the client has it.
    /// </summary>
    public Func<long, CancellationToken, Task>? BeforeCut { get; set; }

    /// <summary>The symbol whose first connection starts at the topic's live end.</summary>
    public const string LiveSymbol = "LIVE";

    /// <summary>Awaited on a live first connection before it looks up the live end (a slow lookup: the transport may open the stream meanwhile).</summary>
    public Func<CancellationToken, Task>? BeforeStart { get; set; }

    /// <summary>Awaited on a live first connection with <c>drop_after: 0</c>, after the start was announced and before the failure.</summary>
    public Func<CancellationToken, Task>? AfterStart { get; set; }

    /// <summary>The resume positions the streams asked for, in order (null for a first connection).</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string?> Resumes { get; } = new();

    public Task FollowAsync(TickQuery payload, ITickerFollowServerStream stream, CancellationToken cancellationToken) =>
        RelayAsync(payload, stream, cancellationToken);

    public Task EventsAsync(TickQuery payload, ITickerEventsServerStream stream, CancellationToken cancellationToken) =>
        RelayAsync(payload, stream, cancellationToken);

    private async Task RelayAsync(TickQuery payload, Serow.Streaming.IStreamSender<PriceTick> stream, CancellationToken cancellationToken)
    {
        var (after, dropAfter) = (payload.After, payload.DropAfter);
        Interlocked.Increment(ref _connections);
        Resumes.Enqueue(after);
        var context = http.HttpContext;
        var sent = 0;
        if (after is null && payload.Symbol == LiveSymbol)
        {
            if (BeforeStart is { } beforeStart)
            {
                await beforeStart(cancellationToken);
            }

            after = (await ticks.LatestAsync(cancellationToken)).Value;
            await ((Serow.Streaming.IResumableServerStream)stream).StartAfterAsync(after, cancellationToken);
            if (dropAfter == 0)
            {
                if (AfterStart is { } afterStart)
                {
                    await afterStart(cancellationToken);
                }

                throw new Serow.ServiceError("unavailable", "The feed is briefly unavailable.", temporary: true);
            }
        }

        await foreach (var message in ticks.SubscribeAsync(new TopicPosition(after ?? "0"), cancellationToken))
        {
            await stream.SendAsync(new PriceTick { Position = message.Position.Value, Seq = message.Message.Seq, Price = message.Message.Price }, cancellationToken);
            if (++sent == dropAfter)
            {
                // Flushed first, so the client has every tick sent before the connection breaks.
                await Task.Delay(20, cancellationToken);
                if (BeforeCut is { } beforeCut)
                {
                    await beforeCut(message.Message.Seq, cancellationToken);
                }

                context?.Abort();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
        }
    }
}
