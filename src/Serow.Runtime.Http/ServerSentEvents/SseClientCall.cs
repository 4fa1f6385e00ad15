// Licensed under the MIT license. See LICENSE in the project root.

using System.Net.ServerSentEvents;
using System.Text.Json;
using Serow.Http.Internal;
using Serow.Validation;

using Serow.Streaming.Internal;

namespace Serow.Http.ServerSentEvents;

/// <summary>
/// The client side of one server stream served as Server-Sent Events. Events are parsed as the HTML standard says
/// (data lines joined with <c>\n</c>, comments ignored, a partial frame at the end discarded) as the caller receives
/// them, so the connection's flow control is the backpressure. Generated code wraps it in a <see cref="SseClientStream{TOut}"/>.
/// </summary>
/// <typeparam name="TOut">The type of the results the server sends.</typeparam>
public sealed class SseClientCall<TOut> : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly Stream _body;
    private readonly SseParser<string> _parser;
    private readonly IAsyncEnumerator<SseItem<string>> _events;
    private readonly SseContract<TOut> _contract;
    private readonly ServiceErrorFactory _errors;
    private readonly ReceiveGuard _receiving = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly CancellationTokenRegistration _callerRegistration;
    private ServiceError? _error;
    private bool _ended;
    private int _disposed;

    private SseClientCall(HttpResponseMessage response, Stream body, SseContract<TOut> contract, ServiceErrorFactory errors, string view, CancellationToken cancellationToken)
    {
        _response = response;
        _body = body;
        _contract = contract;
        _errors = errors;
        View = view;
        _parser = SseParser.Create(body);
        _events = _parser.EnumerateAsync(_abort.Token).GetAsyncEnumerator(_abort.Token);
        _callerRegistration = cancellationToken.Register(static state => ((SseClientCall<TOut>)state!).Abort(), this);
    }

    /// <summary>The view the results are projected to, from the <c>Serow-View</c> response header.</summary>
    public string View { get; }

    /// <summary>The id of the last event received (empty when none had an id): send it as <c>Last-Event-ID</c> to resume after it.</summary>
    public string LastEventId => _parser.LastEventId;

    /// <summary>The reconnection time the server asked for with <c>retry:</c>, or null when it did not.</summary>
    public TimeSpan? ReconnectionInterval => _parser.ReconnectionInterval == Timeout.InfiniteTimeSpan ? null : _parser.ReconnectionInterval;

    /// <summary>Whether the call was aborted by cancellation or by disposing it before it completed.</summary>
    public bool IsAborted => _abort.IsCancellationRequested;

    /// <summary>
    /// Opens the stream: sends <paramref name="request"/> asking for <c>text/event-stream</c>. An error response (the
    /// payload was invalid, the handler failed before its first event) throws the typed error the server sent.
    /// </summary>
    /// <param name="client">The HTTP client whose base address is the server.</param>
    /// <param name="request">The request (payload in path, query, headers and body; <c>Last-Event-ID</c> to resume).</param>
    /// <param name="contract">The method's contract.</param>
    /// <param name="errors">Rebuilds designed errors (the generated <c>&lt;Service&gt;Errors.Create</c>).</param>
    /// <param name="cancellationToken">Aborts the call when cancelled, for its whole life.</param>
    /// <exception cref="ServiceError">The server refused the stream: its typed error.</exception>
    public static async Task<SseClientCall<TOut>> ConnectAsync(
        HttpClient client,
        HttpRequestBuilder request,
        SseContract<TOut> contract,
        ServiceErrorFactory errors,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(contract);
        request.Header("Accept", SseProtocol.MediaType);
        var response = await HttpClientInvoker.SendCoreAsync(client, request, errors, cancellationToken).ConfigureAwait(false);
        try
        {
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (!string.Equals(mediaType, SseProtocol.MediaType, StringComparison.OrdinalIgnoreCase))
            {
                throw new ServiceError("protocol_error", $"{contract.DisplayName} answered with \"{mediaType}\" instead of an event stream ({SseProtocol.MediaType}).", fault: true);
            }

            var view = response.Headers.TryGetValues(SseProtocol.ViewHeader, out var views) && views.FirstOrDefault() is { Length: > 0 } v
                ? v
                : contract.Stream.DefaultView;
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new SseClientCall<TOut>(response, body, contract, errors, view, cancellationToken);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>Receives the next result, or <c>(false, default)</c> once the server has ended the stream.</summary>
    /// <param name="cancellationToken">Cancels the wait and aborts the call.</param>
    /// <exception cref="ServiceError">The server failed (an <c>error</c> event) or the connection was lost.</exception>
    /// <exception cref="ValidationException">The result broke the rules of its view or could not be decoded; it is consumed.</exception>
    /// <exception cref="OperationCanceledException">The call was aborted.</exception>
    public async ValueTask<(bool Received, TOut? Message)> RecvAsync(CancellationToken cancellationToken = default)
    {
        using var scope = _receiving.Enter();
        if (_error is not null)
        {
            throw _error;
        }

        if (_ended)
        {
            return (false, default);
        }

        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        using var registration = cancellationToken.Register(static state => ((SseClientCall<TOut>)state!).Abort(), this);
        SseItem<string> item;
        try
        {
            if (!await _events.MoveNextAsync().ConfigureAwait(false))
            {
                _ended = true;
                return (false, default);
            }

            item = _events.Current;
        }
        catch (Exception e) when (_abort.IsCancellationRequested)
        {
            throw new OperationCanceledException($"The call of {_contract.DisplayName} was aborted.", e, cancellationToken.IsCancellationRequested ? cancellationToken : _abort.Token);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            _error = new ServiceError("connection_lost", $"The connection of {_contract.DisplayName} was lost before the server finished: {e.Message}", temporary: true, innerException: e);
            throw _error;
        }

        if (item.EventType == SseProtocol.ErrorEventType)
        {
            _error = HttpErrors.TryParse(item.Data) is { } body
                ? HttpErrors.FromBody(body, _errors)
                : new ServiceError("protocol_error", $"{_contract.DisplayName} sent an error event that is not an error body.", fault: true);
            throw _error;
        }

        TOut message;
        try
        {
            var retry = item.ReconnectionInterval is { } interval ? (long)interval.TotalMilliseconds : (long?)null;
            var eventType = item.EventType == SseParser.EventTypeDefault ? null : item.EventType;
            message = _contract.Parse(new SseEvent(item.Data, item.EventId, eventType, retry));
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new ValidationException([new ValidationError(string.Empty, "decode", $"an event of {_contract.DisplayName} is not a valid result: {e.Message}")]);
        }

        if (message is null)
        {
            throw new ValidationException([new ValidationError(string.Empty, "required", $"an event of {_contract.DisplayName} holds no result")]);
        }

        if (_contract.Stream.ValidateOutgoing is { } validate)
        {
            var report = new ValidationReport();
            validate(message, View, report);
            report.ThrowIfInvalid();
        }

        return (true, message);
    }

    /// <summary>Aborts the call if it is still running (the server's handler sees the disconnect), and releases the connection. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (!_ended)
        {
            Abort();
        }

        await _callerRegistration.DisposeAsync().ConfigureAwait(false);
        try
        {
            await _events.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The enumeration was cut short by the abort above.
        }

        await _body.DisposeAsync().ConfigureAwait(false);
        _response.Dispose();
        _abort.Dispose();
    }

    private void Abort()
    {
        try
        {
            _abort.Cancel();
            _body.Dispose();
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
