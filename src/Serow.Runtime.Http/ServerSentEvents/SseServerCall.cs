// Licensed under the MIT license. See LICENSE in the project root.

using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Serow.Http.Internal;

namespace Serow.Http.ServerSentEvents;

/// <summary>
/// The server side of one server-streaming call served as Server-Sent Events. The response starts lazily: at the first
/// event, at <see cref="SerowHttpOptions.UpgradeTimeout"/> when the handler has sent nothing yet, or when it returns; a
/// failure before that is an ordinary HTTP error response, a failure after it an <c>event: error</c> whose data is the
/// JSON error body. Idle streams get a <c>: keepalive</c> comment every <see cref="SerowHttpOptions.KeepAliveInterval"/>.
/// Generated code wraps the call in a <see cref="SseServerStream{TOut}"/>.
/// </summary>
/// <typeparam name="TOut">The type of the results the server sends.</typeparam>
public sealed class SseServerCall<TOut>
{
    private readonly HttpServerCall _http;
    private readonly SseContract<TOut> _contract;
    private readonly CancellationTokenSource _abort;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _stopKeepAlive = new();
    private Task _keepAlive = Task.CompletedTask;
    private string _view;
    private bool _started;
    private bool _closed;
    private long _writes;

    private SseServerCall(HttpServerCall http, SseContract<TOut> contract)
    {
        _http = http;
        _contract = contract;
        _view = contract.Stream.DefaultView;
        _abort = CancellationTokenSource.CreateLinkedTokenSource(http.Context.RequestAborted);
    }

    /// <summary>The token passed to the handler: fires when the client disconnects or the call is aborted.</summary>
    public CancellationToken Token => _abort.Token;

    /// <summary>The view the results are projected to.</summary>
    public string View => Volatile.Read(ref _view);

    private HttpResponse Response => _http.Context.Response;

    /// <summary>Runs a server-streaming handler and ends the event stream for it (see the class remarks).</summary>
    /// <param name="http">The decoded request.</param>
    /// <param name="contract">The method's contract.</param>
    /// <param name="handler">Runs the service method with this call and the handler's token.</param>
    public static async Task RunAsync(HttpServerCall http, SseContract<TOut> contract, Func<SseServerCall<TOut>, CancellationToken, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(handler);
        var call = new SseServerCall<TOut>(http, contract);
        try
        {
            Exception? failure = null;
            try
            {
                var running = handler(call, call.Token);
                await call.StartWhenIdleAsync(running).ConfigureAwait(false);
                await running.ConfigureAwait(false);
            }
            catch (Exception e)
            {
                failure = e;
            }

            await call.FinishAsync(failure).ConfigureAwait(false);
        }
        finally
        {
            await call._stopKeepAlive.CancelAsync().ConfigureAwait(false);
            await call._keepAlive.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            call._abort.Dispose();
        }
    }

    /// <summary>Sends one result, projected to the view in effect, as one event; waits while the client is slow.</summary>
    /// <param name="message">The result; never null.</param>
    /// <param name="cancellationToken">Cancels the wait and aborts the call.</param>
    /// <exception cref="InvalidOperationException">The stream was closed.</exception>
    /// <exception cref="ArgumentException">The result's event type is <c>error</c> (reserved), or its id or type holds a line break.</exception>
    /// <exception cref="OperationCanceledException">The call was aborted or the client is gone.</exception>
    public async ValueTask SendAsync(TOut message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var projected = _contract.Stream.Project is { } project ? project(message, View) : message;
        var eventType = _contract.EventType?.Invoke(projected);
        if (eventType == SseFormatter.ErrorEventType)
        {
            throw new ArgumentException($"The event type \"{SseFormatter.ErrorEventType}\" is reserved for failures of {_contract.DisplayName}; choose another type.", nameof(message));
        }

        var id = _contract.Id?.Invoke(projected);
        var retry = _contract.Retry?.Invoke(projected);
        var data = _contract.Data(projected);
        await WriteAsync(writer => SseFormatter.WriteEvent(writer, id, eventType, retry, data), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends the event stream at once; the client sees end of stream. Later sends throw.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public async ValueTask CloseAsync(CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_closed)
            {
                return;
            }

            await StartLockedAsync().ConfigureAwait(false);
            _closed = true;
            await Response.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException && _http.Context.RequestAborted.IsCancellationRequested)
        {
            throw new OperationCanceledException($"The client of {_contract.DisplayName} is gone.", e, Token);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Chooses the view every result is projected to; sent in the <c>Serow-View</c> response header.</summary>
    /// <param name="view">One of the result type's views.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="ArgumentException">The view is unknown.</exception>
    /// <exception cref="InvalidOperationException">The design pins the view, or the stream has started.</exception>
    public async ValueTask SetViewAsync(string view, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (!_contract.Stream.CanSetView)
        {
            throw new InvalidOperationException($"The view of {_contract.DisplayName} is fixed by the design.");
        }

        if (!_contract.Stream.Views.Contains(view))
        {
            throw new ArgumentException($"\"{view}\" is not a view of the results of {_contract.DisplayName}; use one of {string.Join(", ", _contract.Stream.Views)}.", nameof(view));
        }

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_started)
            {
                throw new InvalidOperationException($"The view of {_contract.DisplayName} must be chosen before the first result is sent.");
            }

            Volatile.Write(ref _view, view);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Aborts the call: the handler's token fires and the connection is reset.</summary>
    private void Abort()
    {
        try
        {
            _abort.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }

        _http.Context.Abort();
    }

    private async ValueTask WriteAsync(Action<PipeWriter> write, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, Token);
        try
        {
            await _writeLock.WaitAsync(linked.Token).ConfigureAwait(false);
            try
            {
                if (_closed)
                {
                    throw new InvalidOperationException($"The stream of {_contract.DisplayName} is closed.");
                }

                await StartLockedAsync().ConfigureAwait(false);
                await WriteLockedAsync(write, linked.Token).ConfigureAwait(false);
            }
            finally
            {
                _writeLock.Release();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Abort();
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException and not InvalidOperationException && Token.IsCancellationRequested)
        {
            throw new OperationCanceledException($"The client of {_contract.DisplayName} is gone.", e, Token);
        }
    }

    private async ValueTask WriteLockedAsync(Action<PipeWriter> write, CancellationToken cancellationToken)
    {
        var writer = Response.BodyWriter;
        write(writer);
        var flushed = await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        _writes++;
        if (flushed.IsCanceled || flushed.IsCompleted)
        {
            Abort();
            throw new OperationCanceledException($"The client of {_contract.DisplayName} is gone.", Token);
        }
    }

    /// <summary>Sends the status and headers (once), and starts the keepalive comments.</summary>
    private async ValueTask StartLockedAsync()
    {
        if (_started)
        {
            return;
        }

        _started = true;
        var response = Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        if (_contract.Stream.Views.Count > 0)
        {
            response.Headers[SseProtocol.ViewHeader] = View;
        }

        _http.Context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(Token).ConfigureAwait(false);
        await response.BodyWriter.FlushAsync(Token).ConfigureAwait(false);
        var interval = _http.Options.KeepAliveInterval;
        if (interval > TimeSpan.Zero)
        {
            _keepAlive = KeepAliveAsync(interval, _stopKeepAlive.Token);
        }
    }

    private async Task KeepAliveAsync(TimeSpan interval, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(interval);
        var seen = -1L;
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                await _writeLock.WaitAsync(stop).ConfigureAwait(false);
                try
                {
                    if (_closed || Token.IsCancellationRequested)
                    {
                        return;
                    }

                    if (_writes == seen)
                    {
                        await WriteLockedAsync(SseFormatter.WriteKeepAlive, Token).ConfigureAwait(false);
                    }

                    seen = _writes;
                }
                finally
                {
                    _writeLock.Release();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException)
        {
            Abort();
        }
    }

    /// <summary>Starts the response when the handler has sent nothing within the upgrade timeout, so the client's call returns.</summary>
    private async Task StartWhenIdleAsync(Task running)
    {
        var timeout = _http.Options.UpgradeTimeout;
        if (running.IsCompleted || timeout == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        using var delay = new CancellationTokenSource();
        var winner = await Task.WhenAny(running, Task.Delay(timeout, delay.Token)).ConfigureAwait(false);
        await delay.CancelAsync().ConfigureAwait(false);
        if (winner == running || Token.IsCancellationRequested)
        {
            return;
        }

        try
        {
            await _writeLock.WaitAsync(Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            if (!Token.IsCancellationRequested)
            {
                await StartLockedAsync().ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or OperationCanceledException)
        {
            Abort();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task FinishAsync(Exception? failure)
    {
        await _stopKeepAlive.CancelAsync().ConfigureAwait(false);
        await _keepAlive.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (Token.IsCancellationRequested)
            {
                // The client is gone or the call was aborted: nobody is listening.
                return;
            }

            if (failure is null)
            {
                await StartLockedAsync().ConfigureAwait(false);
                if (!_closed)
                {
                    _closed = true;
                    await Response.CompleteAsync().ConfigureAwait(false);
                }

                return;
            }

            if (!_started)
            {
                await HttpServerCall.WriteErrorAsync(_http.Context, failure, _http.ErrorStatus).ConfigureAwait(false);
                return;
            }

            var error = HttpErrors.AsServiceError(failure);
            if (error.Name == ServiceError.InternalName)
            {
                HttpServerCall.Logger(_http.Context).HandlerFailed(error.Id, failure);
            }

            if (_closed)
            {
                return;
            }

            var json = HttpErrors.Serialize(HttpErrors.ToBody(error));
            await WriteLockedAsync(writer => SseFormatter.WriteEvent(writer, null, SseFormatter.ErrorEventType, null, json), Token).ConfigureAwait(false);
            _closed = true;
            await Response.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException)
        {
            Abort();
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
