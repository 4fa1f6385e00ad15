// Licensed under the MIT license. See LICENSE in the project root.

using System.Runtime.CompilerServices;
using Grpc.Core;
using Serow.Grpc.Internal;
using Serow.InProcess;
using Serow.Validation;

namespace Serow.Grpc;

/// <summary>
/// The client side of one streaming gRPC call, with the semantics of <see cref="InProcessCall{TIn, TOut}"/>: serialized
/// sends, one pending receive, half-close, validation of every received result against the view named by the
/// <c>serow-view</c> response header, typed errors rebuilt from the trailers, and cancellation that aborts the call.
/// Created by <see cref="GrpcClientInvoker"/>; generated code wraps it in a <see cref="GrpcClientStream{TIn, TOut}"/>.
/// </summary>
/// <typeparam name="TIn">The type of the client's messages.</typeparam>
/// <typeparam name="TOut">The type of the server's messages or final result.</typeparam>
public sealed class GrpcClientCall<TIn, TOut>
{
    private readonly AsyncGate _send = new();
    private readonly ReceiveGuard _receive = new();
    private readonly StreamContract<TIn, TOut> _contract;
    private readonly Func<string, string, bool, bool, bool, ServiceError> _errors;
    private readonly CancellationToken _callToken;
    private readonly Endpoints _call;
    private ValidationReport? _report;
    private string? _view;
    private bool _sendClosed;
    private volatile bool _aborted;
    private int _disposed;

    internal GrpcClientCall(StreamContract<TIn, TOut> contract, Func<string, string, bool, bool, bool, ServiceError> errors, Endpoints call, CancellationToken callToken)
    {
        _contract = contract;
        _errors = errors;
        _call = call;
        _callToken = callToken;
    }

    internal sealed record Endpoints(
        Func<TIn, CancellationToken, Task>? Write,
        Func<Task>? Complete,
        Func<CancellationToken, Task<bool>>? MoveNext,
        Func<TOut>? Current,
        Func<Task<TOut>>? Response,
        Task<Metadata> Headers,
        Func<Status> Status,
        Func<Metadata> Trailers,
        Action Dispose);

    // Per-message operations reuse their state machines (pooling builder) instead of allocating one per await.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    internal async ValueTask SendAsync(TIn message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_call.Write is null)
        {
            throw new InvalidOperationException($"{_contract.Service}.{_contract.Method} has no client stream.");
        }

        await WaitAsync(_send, cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfAborted();
            if (_sendClosed)
            {
                throw new InvalidOperationException($"The client stream of {_contract.Service}.{_contract.Method} is closed; no more messages can be sent.");
            }

            if (cancellationToken.CanBeCanceled)
            {
                await RunAsync(_call.Write, message, cancellationToken, written: true).ConfigureAwait(false);
            }
            else
            {
                try
                {
                    await _call.Write(message, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (Failure(e, written: true, cancellationToken) is { } failure)
                {
                    throw failure;
                }
            }
        }
        finally
        {
            _send.Release();
        }
    }

    internal async ValueTask CloseSendAsync(CancellationToken cancellationToken)
    {
        // Taking the send gate lets every send that started before the half-close go out first.
        await WaitAsync(_send, cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfAborted();
            if (_sendClosed || _call.Complete is null)
            {
                return;
            }

            _sendClosed = true;
            try
            {
                await _call.Complete().ConfigureAwait(false);
            }
            catch (Exception e) when (e is RpcException or InvalidOperationException)
            {
                // The call already ended; its outcome is reported by the operations that read it.
            }
        }
        finally
        {
            _send.Release();
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    internal async ValueTask<TOut?> RecvAsync(CancellationToken cancellationToken)
    {
        using var receiving = _receive.Enter();
        ThrowIfAborted();
        if (_call.MoveNext is null || _call.Current is null)
        {
            throw new InvalidOperationException($"{_contract.Service}.{_contract.Method} has no result stream.");
        }

        bool received;
        if (cancellationToken.CanBeCanceled)
        {
            received = await RunAsync(static (moveNext, token) => moveNext(token), _call.MoveNext, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Nothing to register: one async layer less per message.
            try
            {
                received = await _call.MoveNext(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (Failure(e, written: false, cancellationToken) is { } failure)
            {
                throw failure;
            }
        }

        if (!received)
        {
            return default;
        }

        var message = _call.Current();
        await ValidateAsync(message).ConfigureAwait(false);
        return message;
    }

    internal async ValueTask CloseAsync(CancellationToken cancellationToken)
    {
        ThrowIfAborted();
        await CloseSendAsync(cancellationToken).ConfigureAwait(false);
        await ResponseAsync(cancellationToken).ConfigureAwait(false);
    }

    internal async ValueTask<TOut> CloseAndRecvAsync(CancellationToken cancellationToken)
    {
        ThrowIfAborted();
        await CloseSendAsync(cancellationToken).ConfigureAwait(false);
        var result = await ResponseAsync(cancellationToken).ConfigureAwait(false);
        await ValidateAsync(result).ConfigureAwait(false);
        return result;
    }

    internal ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            if (!IsCompleted())
            {
                _aborted = true;
            }

            _call.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private async ValueTask<TOut> ResponseAsync(CancellationToken cancellationToken)
    {
        if (_call.Response is null)
        {
            throw new InvalidOperationException($"{_contract.Service}.{_contract.Method} has no final result.");
        }

        return await RunAsync(static (response, token) => response().WaitAsync(token), _call.Response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs one gRPC operation: an operation token that fires aborts the call, and failures become Serow's exceptions.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask RunAsync<TState>(Func<TState, CancellationToken, Task> operation, TState state, CancellationToken cancellationToken, bool written = false)
    {
        using var abort = cancellationToken.CanBeCanceled ? cancellationToken.UnsafeRegister(static state => ((GrpcClientCall<TIn, TOut>)state!).Abort(), this) : default;
        try
        {
            await operation(state, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Failure(e, written, cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>Runs one gRPC operation that returns a value, as <see cref="RunAsync{TState}"/>.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<TResult> RunAsync<TState, TResult>(Func<TState, CancellationToken, Task<TResult>> operation, TState state, CancellationToken cancellationToken)
    {
        using var abort = cancellationToken.CanBeCanceled ? cancellationToken.UnsafeRegister(static state => ((GrpcClientCall<TIn, TOut>)state!).Abort(), this) : default;
        try
        {
            return await operation(state, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Failure(e, written: false, cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>The exception a failed operation surfaces as, or null to let it through unchanged.</summary>
    private Exception? Failure(Exception exception, bool written, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case RpcException { StatusCode: StatusCode.OK } when written:
                return Undelivered();
            case RpcException rpc:
                return Translate(rpc, cancellationToken);
            case OperationCanceledException or ObjectDisposedException when cancellationToken.IsCancellationRequested || _callToken.IsCancellationRequested || _aborted:
                // A token that had already fired aborts (disposes) the call before the operation starts: still a cancellation.
                return new OperationCanceledException($"The call to {_contract.Service}.{_contract.Method} was cancelled.", cancellationToken.IsCancellationRequested ? cancellationToken : _callToken);
            case InvalidOperationException when written && IsCompleted():
                // Writing after the call ended: its outcome tells why.
                var status = _call.Status();
                return status.StatusCode == StatusCode.OK ? Undelivered() : Translate(new RpcException(status, _call.Trailers()), cancellationToken);
            default:
                return null;
        }
    }

    private Exception Translate(RpcException exception, CancellationToken cancellationToken)
    {
        if (_aborted || cancellationToken.IsCancellationRequested || _callToken.IsCancellationRequested)
        {
            if (exception.StatusCode == StatusCode.Cancelled)
            {
                return new OperationCanceledException($"The call to {_contract.Service}.{_contract.Method} was cancelled.", exception, cancellationToken.IsCancellationRequested ? cancellationToken : _callToken);
            }
        }

        return GrpcErrors.FromRpcException(exception, _errors, _callToken);
    }

    private InvalidOperationException Undelivered() =>
        new($"The server has finished {_contract.Service}.{_contract.Method}; the message was not delivered.");

    private ValueTask ValidateAsync(TOut message)
    {
        if (_contract.ValidateOutgoing is not { } validate)
        {
            return default;
        }

        // Once the view is known (after the first result) validation completes without an async layer.
        if (_view is { } known)
        {
            Validate(validate, message, known);
            return default;
        }

        return ValidateFirstAsync(validate, message);
    }

    private async ValueTask ValidateFirstAsync(Action<TOut, string, ValidationReport> validate, TOut message)
    {
        var view = await ViewAsync().ConfigureAwait(false);
        Validate(validate, message, view);
    }

    private void Validate(Action<TOut, string, ValidationReport> validate, TOut message, string view)
    {
        // An empty report can serve the next message too; taking it keeps it to one validation at a time.
        var report = Interlocked.Exchange(ref _report, null) ?? new ValidationReport();
        validate(message, view, report);
        report.ThrowIfInvalid();
        _report = report;
    }

    private async ValueTask<string> ViewAsync()
    {
        if (_view is { } known)
        {
            return known;
        }

        var view = _contract.DefaultView;
        if (_contract.Views.Count > 0)
        {
            try
            {
                var headers = await _call.Headers.ConfigureAwait(false);
                view = headers.GetValue(GrpcHeaders.View) ?? view;
            }
            catch (RpcException)
            {
                // No headers: the default view applies.
            }
        }

        return _view = view;
    }

    private async ValueTask WaitAsync(AsyncGate gate, CancellationToken cancellationToken)
    {
        if (gate.TryEnter())
        {
            return;
        }

        try
        {
            await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Abort();
            throw;
        }
    }

    private bool IsCompleted()
    {
        try
        {
            _call.Status();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private void Abort()
    {
        if (!IsCompleted())
        {
            _aborted = true;
            _call.Dispose();
        }
    }

    private void ThrowIfAborted()
    {
        if (_aborted)
        {
            throw new OperationCanceledException($"The call to {_contract.Service}.{_contract.Method} was cancelled.", _callToken);
        }
    }
}
