// Licensed under the MIT license. See LICENSE in the project root.

using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Serow.Validation;

namespace Serow.Streaming.Internal;

/// <summary>
/// The client side of a resumable server stream that outlives its connections: it reads the results of one transport
/// call at a time and, when a call fails in a way <see cref="StreamReconnectOptions.ShouldReconnect"/> accepts, opens a
/// new one after the position of the last result it delivered, waiting a jittered, growing delay between attempts.
/// The transport calls check each result; this call only counts positions, so nothing is checked twice.
/// </summary>
internal sealed class ResumingClientCall<TPayload, TOut> : ClientCall<NoMessage, TOut>
{
    private readonly ResumableContract<TPayload, TOut> _resume;
    private readonly TPayload _payload;
    private readonly StreamReconnectOptions _options;
    private readonly Func<TPayload, CancellationToken, Task<ClientCall<NoMessage, TOut>>> _connect;
    private ClientCall<NoMessage, TOut>? _inner;
    private string? _lastPosition;
    private TOut? _current;
    private ExceptionDispatchInfo? _invalid;
    private int _failures;
    private bool _deliveredFromInner;

    public ResumingClientCall(
        StreamContract<NoMessage, TOut> contract,
        ResumableContract<TPayload, TOut> resume,
        TPayload payload,
        StreamReconnectOptions options,
        Func<TPayload, CancellationToken, Task<ClientCall<NoMessage, TOut>>> connect)
        : base(contract.WithoutResultChecks(), inboundCapacity: 0, wakeInline: false)
    {
        _resume = resume;
        _payload = payload;
        _options = options;
        _connect = connect;
    }

    /// <summary>How many times the stream was opened again after a failure.</summary>
    public int Reconnects { get; private set; }

    internal override string LastPosition => _lastPosition ?? string.Empty;

    internal override TimeSpan? ReconnectionInterval => _inner?.ReconnectionInterval;

    /// <summary>Opens the first connection, retrying as a reconnect would.</summary>
    public async Task ConnectFirstAsync(CancellationToken cancellationToken)
    {
        try
        {
            await OpenAsync(null, Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException($"The call to {Contract.DisplayName} was cancelled.", cancellationToken);
        }
    }

    internal override ValueTask WriteAsync(NoMessage message, CancellationToken token) => throw StreamErrors.NoMessages(Contract.DisplayName);

    internal override ValueTask CompleteOutputAsync(CancellationToken token) => default;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    internal override async ValueTask<bool> MoveNextAsync(CancellationToken token)
    {
        while (true)
        {
            var inner = _inner!;
            TOut? result;
            try
            {
                result = await inner.RecvAsync(token).ConfigureAwait(false);
            }
            catch (ValidationException e)
            {
                // Consumed by the transport call, which stays usable: the caller's receive throws it, as on any stream.
                _invalid = ExceptionDispatchInfo.Capture(e);
                return true;
            }
            catch (Exception e) when (!IsAborted && (e is OperationCanceledException || _options.ShouldReconnect(e)))
            {
                // A cancellation the caller did not ask for is the server or the network ending the call: reconnect too.
                // A call that delivered nothing resumes where its server said it started, if it said so.
                if (!_deliveredFromInner && inner.StartPosition is { } start)
                {
                    _lastPosition = start;
                }

                await DropAsync(inner).ConfigureAwait(false);
                try
                {
                    await OpenAsync(e, token).ConfigureAwait(false);
                }
                catch (ServiceError error) when (!IsAborted)
                {
                    Finish(error);
                    return false;
                }

                Reconnects++;
                continue;
            }
            catch (ServiceError error) when (!IsAborted)
            {
                Finish(error);
                return false;
            }

            if (result is null)
            {
                Finish(null);
                return false;
            }

            if (_resume.PositionOf(result) is { Length: > 0 } position)
            {
                _lastPosition = position;
            }

            _current = result;
            _deliveredFromInner = true;
            _invalid = null;
            _failures = 0;
            View = inner.View;
            return true;
        }
    }

    internal override TOut Current
    {
        get
        {
            _invalid?.Throw();
            return _current!;
        }
    }

    internal override void OnAborted() => _inner?.Abort();

    internal override async ValueTask DisposeCoreAsync()
    {
        if (_inner is { } inner)
        {
            await inner.DisposeAsync().ConfigureAwait(false);
        }
    }

    // Opens a transport call after the last delivered position; after a failure, waits first. The failures in a row are
    // counted until a result arrives, since some transports only fail at the first read.
    private async Task OpenAsync(Exception? failure, CancellationToken token)
    {
        while (true)
        {
            if (failure is not null)
            {
                if (++_failures > _options.MaxAttempts)
                {
                    throw new ReconnectFailedError(Contract.DisplayName, _failures - 1, failure);
                }

                await Task.Delay(_options.DelayBefore(_failures), token).ConfigureAwait(false);
            }

            var payload = _lastPosition is { } position ? _resume.ResumeAfter(_payload, position) : _payload;
            try
            {
                var inner = await _connect(payload, token).ConfigureAwait(false);
                _inner = inner;
                _deliveredFromInner = false;
                View = inner.View;
                if (IsAborted)
                {
                    // Aborted while connecting: the new call must not outlive it.
                    inner.Abort();
                    ThrowIfAborted();
                }

                return;
            }
            catch (Exception e) when (!IsAborted && e is not OperationCanceledException && _options.ShouldReconnect(e))
            {
                failure = e;
            }
        }
    }

    private static async ValueTask DropAsync(ClientCall<NoMessage, TOut> inner)
    {
        try
        {
            await inner.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The connection is already broken; nothing more to release.
        }
    }
}
