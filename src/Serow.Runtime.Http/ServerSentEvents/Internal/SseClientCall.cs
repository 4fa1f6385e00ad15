// Licensed under the MIT license. See LICENSE in the project root.

using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using Serow.Streaming;
using Serow.Validation;

namespace Serow.Http.ServerSentEvents.Internal;

/// <summary>
/// The client side of one server stream received as Server-Sent Events: the stream rules are the core's; this class
/// parses the events as the HTML standard says (data lines joined with <c>\n</c>, comments ignored, a partial frame at
/// the end discarded) as the caller receives them, so the connection's flow control is the backpressure.
/// </summary>
internal sealed class SseClientCall<TOut> : ClientCall<NoMessage, TOut>
{
    private readonly HttpResponseMessage _response;
    private readonly Stream _body;
    private readonly SseParser<Received> _parser;
    private readonly IAsyncEnumerator<SseItem<Received>> _events;
    private readonly SseContract<TOut> _contract;
    private readonly ServiceErrorFactory? _errors;

    public SseClientCall(HttpResponseMessage response, Stream body, SseContract<TOut> contract, ServiceErrorFactory? errors, string view)
        : base(contract.Stream, inboundCapacity: 0, wakeInline: false)
    {
        _response = response;
        _body = body;
        _contract = contract;
        _errors = errors;
        View = view;
        _parser = SseParser.Create(body, Read);
        _events = _parser.EnumerateAsync(Token).GetAsyncEnumerator(Token);
    }

    internal override string LastPosition => _parser.LastEventId;

    // An id-only event before any result (what the server sends for a start position) sets the parser's last event id
    // without dispatching anything; after a result, the id is that result's position.
    internal override string? StartPosition => _parser.LastEventId is { Length: > 0 } id ? id : null;

    internal override TimeSpan? ReconnectionInterval => _parser.ReconnectionInterval == Timeout.InfiniteTimeSpan ? null : _parser.ReconnectionInterval;

    internal override ValueTask WriteAsync(NoMessage message, CancellationToken token) => throw StreamErrors.NoMessages(_contract.DisplayName);

    internal override ValueTask CompleteOutputAsync(CancellationToken token) => default;

    internal override async ValueTask<bool> MoveNextAsync(CancellationToken token)
    {
        try
        {
            if (!await _events.MoveNextAsync().ConfigureAwait(false))
            {
                Finish(null);
                return false;
            }
        }
        catch (Exception e) when (!IsAborted && _body is IdleWatchStream { Expired: true } idle)
        {
            Finish(new ServiceError(StreamErrors.ConnectionLostName, $"The connection of {_contract.DisplayName} was silent for {idle.Timeout.TotalSeconds:0.###} s (no event, no keepalive): it is taken as lost.", temporary: true, innerException: e));
            return false;
        }
        catch (Exception e) when (!IsAborted && e is IOException or HttpRequestException or ObjectDisposedException)
        {
            Finish(new ServiceError(StreamErrors.ConnectionLostName, $"The connection of {_contract.DisplayName} was lost before the server finished: {e.Message}", temporary: true, innerException: e));
            return false;
        }

        if (_events.Current.EventType != SseProtocol.ErrorEventType)
        {
            return true;
        }

        var error = HttpErrors.TryParse(_events.Current.Data.Text ?? string.Empty) is { } body
            ? HttpErrors.FromBody(body, _errors)
            : new ServiceError(StreamErrors.ProtocolErrorName, $"{_contract.DisplayName} sent an error event that is not an error body.", fault: true);
        if (error.Name == StreamErrors.CancelledName)
        {
            // The server cancelled the call: the caller sees a cancellation, as on every transport.
            Abort();
        }
        else
        {
            Finish(error);
        }

        return false;
    }

    internal override TOut Current
    {
        get
        {
            var item = _events.Current;
            TOut? message;
            try
            {
                if (item.Data.Failure is { } failure)
                {
                    throw failure;
                }

                if (item.Data.Text is { } text)
                {
                    var retry = item.ReconnectionInterval is { } interval ? (long)interval.TotalMilliseconds : (long?)null;
                    var eventType = item.EventType == SseParser.EventTypeDefault ? null : item.EventType;
                    message = _contract.Parse(new SseEvent(text, item.EventId, eventType, retry));
                }
                else
                {
                    message = item.Data.Message;
                }
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
            {
                throw new ValidationException([new ValidationError(string.Empty, "decode", $"an event of {_contract.DisplayName} is not a valid result: {e.Message}")]);
            }

            return message ?? throw new ValidationException([new ValidationError(string.Empty, "required", $"an event of {_contract.DisplayName} holds no result")]);
        }
    }

    /// <summary>
    /// Reads an event's data as the parser meets it: whole results straight from the UTF-8 bytes when the contract can,
    /// otherwise (and for error events) as text. A decoding failure is kept for the caller, who receives it with the result.
    /// </summary>
    private Received Read(string eventType, ReadOnlySpan<byte> data)
    {
        if (_contract.ReadData is not { } read || eventType == SseProtocol.ErrorEventType)
        {
            return new Received(default, Encoding.UTF8.GetString(data), null);
        }

        try
        {
            return new Received(read(data), null, null);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            return new Received(default, null, e);
        }
    }

    internal override void OnAborted() => _body.Dispose();

    internal override async ValueTask DisposeCoreAsync()
    {
        try
        {
            await _events.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or NotSupportedException)
        {
            // The enumeration was cut short by the abort, possibly with a read still pending (which an async iterator refuses to dispose).
        }

        await _body.DisposeAsync().ConfigureAwait(false);
        _response.Dispose();
    }

    /// <summary>One event's data: the result read from it, its text, or why it could not be read.</summary>
    private readonly record struct Received(TOut? Message, string? Text, Exception? Failure);
}
