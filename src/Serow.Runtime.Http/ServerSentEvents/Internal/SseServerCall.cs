// Licensed under the MIT license. See LICENSE in the project root.

using System.Buffers;
using System.IO.Pipelines;
using System.Net.ServerSentEvents;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Serow.AspNetCore.Internal;
using Serow.Http.Internal;
using Serow.Streaming;

namespace Serow.Http.ServerSentEvents.Internal;

/// <summary>
/// The server side of one server-streaming call served as Server-Sent Events: the stream rules are the core's; this
/// class starts the response when the stream opens, writes each result as an event, keeps an idle stream alive with
/// comments, and ends the response for the outcome of the call (an <c>event: error</c> for a failure after the start).
/// Events are written by .NET's <see cref="System.Net.ServerSentEvents.SseFormatter"/> into the response's pipe; events
/// sent in a row leave with one flush (<see cref="SerowHttpOptions.BufferWrites"/>). The same call answers a request
/// that accepts <c>application/x-ndjson</c> (<c>AnswerNDJSON</c>): one line of JSON per result, no keepalive, and a
/// failure after the start as a last line <c>{"serow_error": …}</c>.
/// </summary>
internal sealed class SseServerCall<TOut> : HttpStreamServerCall<NoMessage, TOut>
{
    private readonly SseContract<TOut> _contract;
    private readonly bool _ndjson;
    private readonly CancellationTokenRegistration _requestAborted;
    private readonly CancellationTokenSource _stopKeepAlive = new();
    private Task _keepAlive = Task.CompletedTask;
    private static readonly byte[] KeepAliveComment = ": keepalive\n\n"u8.ToArray();
    private static readonly Action<SseItem<ReadOnlyMemory<byte>>, IBufferWriter<byte>> CopyData = static (item, writer) => writer.Write(item.Data.Span);

    private ResponseFlusher? _flusher;
    private SseEventSource<ReadOnlyMemory<byte>>? _events;
    private Task _formatting = Task.CompletedTask;
    private bool _started;
    private bool _completed;
    private long _writes;

    internal override string TransportName => _ndjson ? "ndjson" : "sse";

    public SseServerCall(HttpServerCall http, SseContract<TOut> contract, bool ndjson = false)
        : base(http, contract.Stream, inboundCapacity: 0, wakeInline: false)
    {
        _contract = contract;
        _ndjson = ndjson;
        _requestAborted = http.Context.RequestAborted.UnsafeRegister(
            static call => ((SseServerCall<TOut>)call!).Abort(StreamAbortReason.Cancelled), this);
    }

    private HttpResponse Response => Http.Context.Response;

    // ---- transport hooks ----

    internal override async ValueTask OpenAsync(string view)
    {
        _started = true;
        var response = Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = _ndjson ? ResultsFormatNegotiation.NdjsonMediaType + "; charset=utf-8" : "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        if (_contract.Stream.Views.Count > 0)
        {
            response.Headers[SseProtocol.ViewHeader] = view;
        }

        Http.Context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(Http.Context.RequestAborted).ConfigureAwait(false);
        if (StartPosition is { } position && !_ndjson)
        {
            // An event of an id alone: a client (a browser's EventSource too) takes it as its last event id and
            // dispatches nothing, so a reconnect before the first result sends it as Last-Event-ID.
            WriteIdOnlyEvent(response.BodyWriter, position);
        }

        await response.BodyWriter.FlushAsync(Http.Context.RequestAborted).ConfigureAwait(false);
        if (!_ndjson)
        {
            _events = new SseEventSource<ReadOnlyMemory<byte>>();
            _formatting = _events.StartAsync(new PipeCopyStream(response.BodyWriter), CopyData);
        }

        if (Http.Options.BufferWrites)
        {
            // Over HTTP/1.1 the response has the connection to itself; over HTTP/2 or 3 it shares it with other streams.
            var protocol = response.HttpContext.Request.Protocol;
            var multiplexed = HttpProtocol.IsHttp2(protocol) || HttpProtocol.IsHttp3(protocol);
            _flusher = new ResponseFlusher(response.BodyWriter, SendGate, flushOnSenderThread: multiplexed);
        }

        if (Http.Options.KeepAliveInterval > TimeSpan.Zero && !_ndjson)
        {
            _keepAlive = KeepAliveAsync(Http.Options.KeepAliveInterval, _stopKeepAlive.Token);
        }
    }

    private static void WriteIdOnlyEvent(PipeWriter writer, string id)
    {
        writer.Write("id: "u8);
        Encoding.UTF8.GetBytes(id, writer);
        writer.Write("\n\n"u8);
    }

    internal override void CheckResult(TOut message)
    {
        if (_contract.EventType?.Invoke(message) == SseProtocol.ErrorEventType)
        {
            throw new ArgumentException($"The event type \"{SseProtocol.ErrorEventType}\" is reserved for failures of {_contract.DisplayName}; choose another type.", nameof(message));
        }
    }

    internal override async ValueTask WriteAsync(TOut message, CancellationToken token)
    {
        var eventType = _contract.EventType?.Invoke(message);
        var id = _contract.Id?.Invoke(message);
        var retry = _contract.Retry?.Invoke(message);
        var data = RentedBufferWriter.TakeSpare();
        try
        {
            // Encoded before the formatter sees it: a result that cannot be encoded fails this send, not the response.
            if (_ndjson)
            {
                // A line of NDJSON: the whole result's compact JSON (no line break inside), then LF.
                _contract.WriteResult!(message, data);
                data.Write("\n"u8);
            }
            else if (_contract.WriteData is { } write)
            {
                write(message, data);
            }
            else
            {
                Encoding.UTF8.GetBytes(_contract.Data(message), data);
            }

            if (CountsBytes)
            {
                // The event's data, as for the other transports the message's encoded bytes (without the event framing).
                CountBytes(sent: true, data.WrittenMemory.Length);
            }

            var item = SseEvents.Create(data.WrittenMemory, id, eventType, retry);
            if (_flusher is not { } flusher)
            {
                await WriteAndFlushAsync(item, token).ConfigureAwait(false);
                return;
            }

            try
            {
                await flusher.BeforeWriteAsync(token).ConfigureAwait(false);
                await WriteOutAsync(item).ConfigureAwait(false);
                _writes++;
                await flusher.AfterWriteAsync(token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException)
            {
                Abort(StreamAbortReason.Cancelled);
                throw;
            }
        }
        finally
        {
            data.ReleaseAsSpare();
        }
    }

    internal override async ValueTask<bool> SendStartPositionAsync(string position, CancellationToken token)
    {
        // NDJSON carries no positions (as at the opening); an event stream gets the event of an id alone now.
        if (!_ndjson)
        {
            await WriteAndFlushAsync(null, token, position).ConfigureAwait(false);
        }

        return true;
    }

    internal override void AfterSend() => _flusher?.AfterRelease();

    internal override async ValueTask CloseOutputAsync(CancellationToken token)
    {
        if (_flusher?.FlushAndFinish() is { } flushing)
        {
            // The response completes after the events before it are flushed (one flush at a time).
            await flushing.WaitAsync(token).ConfigureAwait(false);
        }

        await CompleteAsync().ConfigureAwait(false);
    }

    internal override void OnAborted(StreamAbortReason reason)
    {
        // Pending writes wait on the call's token, which has fired.
    }

    // ---- the call's life ----

    /// <summary>
    /// Writes an event (or, without one, the event of the id <paramref name="idOnly"/> alone, or a keepalive comment)
    /// and flushes it, after the flush of the events before it. Under the send gate.
    /// </summary>
    private async ValueTask WriteAndFlushAsync(SseItem<ReadOnlyMemory<byte>>? item, CancellationToken token, string? idOnly = null)
    {
        if (_flusher is { } flusher)
        {
            // The pipe takes one flush at a time.
            await flusher.BeforeWriteAsync(token).ConfigureAwait(false);
        }

        var writer = Response.BodyWriter;
        FlushResult flushed;
        try
        {
            if (item is { } written)
            {
                await WriteOutAsync(written).ConfigureAwait(false);
            }
            else if (idOnly is not null)
            {
                // Like a comment, written past the formatter (which writes no event without data): between events.
                WriteIdOnlyEvent(writer, idOnly);
            }
            else
            {
                // A comment, which the formatter does not write: between events, so never inside one.
                writer.Write(KeepAliveComment);
            }

            flushed = await writer.FlushAsync(token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException)
        {
            Abort(StreamAbortReason.Cancelled);
            throw;
        }

        _writes++;
        if (flushed.IsCanceled || flushed.IsCompleted)
        {
            // The client is gone.
            Abort(StreamAbortReason.Cancelled);
            ThrowIfAborted();
        }
    }

    /// <summary>Writes an event through the formatter, or an NDJSON line as it is.</summary>
    private ValueTask WriteOutAsync(SseItem<ReadOnlyMemory<byte>> item)
    {
        if (_events is { } events)
        {
            return events.WriteAsync(item);
        }

        Response.BodyWriter.Write(item.Data.Span);
        return default;
    }

    private async ValueTask CompleteAsync()
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        _events?.Complete();
        // A formatter that failed has failed its send already: the response ends either way.
        await _formatting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await Response.CompleteAsync().ConfigureAwait(false);
    }

    private async Task KeepAliveAsync(TimeSpan interval, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(interval);
        var seen = -1L;
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                // Under the send gate, never beside an event.
                await SendGate.EnterAsync(stop).ConfigureAwait(false);
                try
                {
                    if (_completed || Token.IsCancellationRequested)
                    {
                        return;
                    }

                    if (_writes == seen)
                    {
                        await WriteAndFlushAsync(null, Token).ConfigureAwait(false);
                    }

                    seen = _writes;
                }
                finally
                {
                    SendGate.Release();
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException or ObjectDisposedException)
        {
            // Stopped, or the client is gone (the write aborted the call).
        }
    }

    private protected override async ValueTask ReleaseAsync()
    {
        await _stopKeepAlive.CancelAsync().ConfigureAwait(false);
        await _keepAlive.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        // The formatter's loop ends (and returns its buffers) however the call ended.
        _events?.Complete();
        await _requestAborted.DisposeAsync().ConfigureAwait(false);
        _stopKeepAlive.Dispose();
    }

    private protected override async Task EndAsync(ServerCallOutcome outcome)
    {
        await _stopKeepAlive.CancelAsync().ConfigureAwait(false);
        await _keepAlive.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (Http.Context.RequestAborted.IsCancellationRequested)
        {
            // The client is gone: nobody is listening.
            return;
        }

        if (_flusher is { } flusher && !_completed && !await FinishFlushingAsync(flusher).ConfigureAwait(false))
        {
            Http.Context.Abort();
            return;
        }

        try
        {
            if (!_started)
            {
                // Before the first event a failure is an ordinary HTTP error response.
                if (await TryAnswerFailureAsync(outcome, _contract.DisplayName).ConfigureAwait(false))
                {
                    return;
                }

                await OpenAsync(View).ConfigureAwait(false);
            }

            var error = outcome.Error is { } failure ? HttpErrors.ToBody(failure)
                : outcome.IsAborted ? HttpErrors.CancelledBody(_contract.DisplayName)
                : null;
            if (error is not null && !_completed)
            {
                var json = HttpErrors.Serialize(error);
                var failed = _ndjson
                    ? SseEvents.Create(Encoding.UTF8.GetBytes("{\"serow_error\":" + json + "}\n"), null, null, null)
                    : SseEvents.Create(Encoding.UTF8.GetBytes(json), null, SseProtocol.ErrorEventType, null);
                await WriteAndFlushAsync(failed, CancellationToken.None).ConfigureAwait(false);
            }

            await CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException)
        {
            Http.Context.Abort();
        }
    }

    /// <summary>
    /// Takes the send gate from the queued flushes and flushes what the handler wrote; false when the gate or the flush
    /// did not come within the close timeout (a reader that stopped reading).
    /// </summary>
    private async Task<bool> FinishFlushingAsync(ResponseFlusher flusher)
    {
        using var limit = new CancellationTokenSource(Http.Options.CloseTimeout);
        try
        {
            await SendGate.EnterAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        try
        {
            if (flusher.FlushAndFinish() is { } flushing)
            {
                await flushing.WaitAsync(limit.Token).ConfigureAwait(false);
            }

            return true;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException or ObjectDisposedException)
        {
            return false;
        }
        finally
        {
            SendGate.Release();
        }
    }
}
