// Licensed under the MIT license. See LICENSE in the project root.

using System.Runtime.CompilerServices;
using Grpc.Core;
using Serow.Streaming;

namespace Serow.Grpc.Internal;

/// <summary>
/// The client side of one streaming gRPC call: moves messages between the core's stream rules and a Grpc.Net.Client
/// call (server, client or bidirectional streaming). The view of the results comes from the <c>serow-view</c> response
/// header; the server's outcome from the status and trailers.
/// </summary>
internal sealed class GrpcClientCall<TPayload, TIn, TOut, TRequest, TResponse> : ClientCall<TIn, TOut>
    where TRequest : class
    where TResponse : class
{
    private readonly GrpcStreamMethod<TPayload, TIn, TOut, TRequest, TResponse> _method;
    private readonly IClientStreamWriter<TRequest>? _requests;
    private readonly IAsyncStreamReader<TResponse>? _responses;
    private readonly Task<TResponse>? _response;
    private readonly Task<Metadata> _headers;
    private readonly Func<Status> _status;
    private readonly Func<Metadata> _trailers;
    private readonly IDisposable _call;
    private bool _viewKnown;

    private GrpcClientCall(
        GrpcStreamMethod<TPayload, TIn, TOut, TRequest, TResponse> method,
        IClientStreamWriter<TRequest>? requests,
        IAsyncStreamReader<TResponse>? responses,
        Task<TResponse>? response,
        Task<Metadata> headers,
        Func<Status> status,
        Func<Metadata> trailers,
        IDisposable call)
        : base(method.Stream, inboundCapacity: 0, wakeInline: false)
    {
        _method = method;
        _requests = requests;
        _responses = responses;
        _response = response;
        _headers = headers;
        _status = status;
        _trailers = trailers;
        _call = call;
        _viewKnown = method.Stream.Views.Count == 0;
    }

    public static GrpcClientCall<TPayload, TIn, TOut, TRequest, TResponse> Of(GrpcStreamMethod<TPayload, TIn, TOut, TRequest, TResponse> method, AsyncServerStreamingCall<TResponse> call) =>
        new(method, null, call.ResponseStream, null, call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call);

    public static GrpcClientCall<TPayload, TIn, TOut, TRequest, TResponse> Of(GrpcStreamMethod<TPayload, TIn, TOut, TRequest, TResponse> method, AsyncClientStreamingCall<TRequest, TResponse> call) =>
        new(method, call.RequestStream, null, call.ResponseAsync, call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call);

    public static GrpcClientCall<TPayload, TIn, TOut, TRequest, TResponse> Of(GrpcStreamMethod<TPayload, TIn, TOut, TRequest, TResponse> method, AsyncDuplexStreamingCall<TRequest, TResponse> call) =>
        new(method, call.RequestStream, call.ResponseStream, null, call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call);

    /// <summary>Sends the payload envelope that opens a client or bidirectional stream with a payload.</summary>
    public async ValueTask SendPayloadAsync(TPayload payload)
    {
        try
        {
            await _requests!.WriteAsync(_method.EncodePayload!(payload)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException)
        {
            // The server ended the call at once; its outcome surfaces from the stream's operations.
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    internal override async ValueTask WriteAsync(TIn message, CancellationToken token)
    {
        if (_requests is null || _method.EncodeMessage is not { } encode)
        {
            throw StreamErrors.NoMessages(Contract.DisplayName);
        }

        try
        {
            // No token: Grpc.Net.Client registers (or links) any token it is given per operation, and aborting the
            // call disposes the gRPC call (OnAborted), which ends a pending write or read all the same.
            await _requests.WriteAsync(encode(message), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException && !token.IsCancellationRequested)
        {
            // Writing after the call ended: its outcome tells why.
            Outcome(e as RpcException);
            throw SendFailure(e);
        }
    }

    internal override async ValueTask CompleteOutputAsync(CancellationToken token)
    {
        if (_requests is not null)
        {
            await _requests.CompleteAsync().ConfigureAwait(false);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    internal override async ValueTask<bool> MoveNextAsync(CancellationToken token)
    {
        if (_responses is null)
        {
            throw StreamErrors.NoResults(Contract.DisplayName);
        }

        bool received;
        try
        {
            received = await _responses.MoveNext(CancellationToken.None).ConfigureAwait(false);
        }
        catch (RpcException e) when (!token.IsCancellationRequested)
        {
            Outcome(e);
            return false;
        }

        if (!received)
        {
            Finish(null);
            return false;
        }

        if (!_viewKnown)
        {
            await LearnViewAsync().ConfigureAwait(false);
        }

        return true;
    }

    internal override TOut Current => _method.DecodeResult!(_responses!.Current);

    internal override async ValueTask<TOut?> ReceiveResultAsync(CancellationToken cancellationToken)
    {
        var response = await ResponseAsync(cancellationToken).ConfigureAwait(false);
        if (response is null || _method.DecodeResult is not { } decode)
        {
            return default;
        }

        if (!_viewKnown)
        {
            await LearnViewAsync().ConfigureAwait(false);
        }

        return AcceptResult(decode(response));
    }

    internal override async Task WaitFinishedAsync(CancellationToken token)
    {
        if (_response is not null)
        {
            await ResponseAsync(token).ConfigureAwait(false);
            return;
        }

        await Finished.WaitAsync(token).ConfigureAwait(false);
    }

    internal override void OnAborted() => _call.Dispose();

    internal override ValueTask DisposeCoreAsync()
    {
        _call.Dispose();
        return default;
    }

    /// <summary>Waits for the response of a client stream; null when the call failed (its error is then known).</summary>
    private async ValueTask<TResponse?> ResponseAsync(CancellationToken token)
    {
        try
        {
            var response = await _response!.WaitAsync(token).ConfigureAwait(false);
            Finish(null);
            return response;
        }
        catch (RpcException e) when (!token.IsCancellationRequested)
        {
            Outcome(e);
            return default;
        }
    }

    /// <summary>Records the server's outcome from a failed operation, or from the call's status once it has ended.</summary>
    private ServiceError? Outcome(RpcException? exception)
    {
        if (exception is null)
        {
            try
            {
                var status = _status();
                exception = status.StatusCode == StatusCode.OK ? null : new RpcException(status, _trailers());
            }
            catch (InvalidOperationException)
            {
                // The call has not ended: nothing is known yet.
                return null;
            }
        }

        if (exception is null || exception.StatusCode == StatusCode.OK || IsAborted)
        {
            Finish(null);
            return null;
        }

        if (IsGracefulClose(exception))
        {
            // The server closed the connection on purpose (GOAWAY, NO_ERROR) while the call was open: it is stopping. HttpClient
            // fails a bidirectional call whose request side is still open that way even when the server's trailers
            // (server_stopping) had arrived, so the trailers cannot tell.
            var stopping = new ServerStoppingError(Contract.DisplayName);
            Finish(stopping);
            return stopping;
        }

        if (IsBrokenStream(exception))
        {
            // The stream or connection broke under the call (a reset, a dropped socket) without a status from the server:
            // a lost connection, temporary, as on the other transports.
            var lost = new ServiceError(StreamErrors.ConnectionLostName, $"The connection of {Contract.DisplayName} was lost before the server finished: {exception.Status.Detail}", temporary: true, innerException: exception);
            Finish(lost);
            return lost;
        }

        if (GrpcErrors.FromRpcException(exception, _method.Errors, Token) is not ServiceError error)
        {
            // CANCELLED without Serow trailers: the call was cancelled under us (by the server, or a deadline).
            error = new ServiceError("cancelled", exception.Status.Detail, innerException: exception);
        }

        Finish(error);
        return error;
    }

    private static bool IsGracefulClose(RpcException exception) =>
        TransportCause(exception) is { } cause && Unwrap(cause) is HttpProtocolException { ErrorCode: 0 };

    // A stream that broke after it started (a reset, a dropped connection). A call that could not start (nothing
    // listening, an HTTP/1.1-only port) fails with HttpRequestException and keeps its status-derived error.
    private static bool IsBrokenStream(RpcException exception) =>
        TransportCause(exception) is { } cause and not HttpRequestException
        && Unwrap(cause) is HttpProtocolException { ErrorCode: not Http11Required } or IOException or System.Net.Sockets.SocketException;

    // What failed under an INTERNAL or UNAVAILABLE status that carries no Serow error: the transport, not a service.
    private static Exception? TransportCause(RpcException exception) =>
        exception.StatusCode is StatusCode.Internal or StatusCode.Unavailable && exception.Trailers.GetValue(GrpcHeaders.ErrorName) is null
            ? exception.Status.DebugException ?? exception.InnerException
            : null;

    /// <summary>HTTP/2's HTTP_1_1_REQUIRED error code.</summary>
    private const long Http11Required = 0xd;

    private static Exception Unwrap(Exception exception)
    {
        var current = exception;
        while (current is not HttpProtocolException && current.InnerException is { } inner)
        {
            current = inner;
        }

        return current;
    }

    internal override string? StartPosition =>
        _headers.IsCompletedSuccessfully && _headers.Result.GetValue(GrpcHeaders.Position) is { Length: > 0 } position ? position : null;

    private async ValueTask LearnViewAsync()
    {
        try
        {
            var headers = await _headers.ConfigureAwait(false);
            if (headers.GetValue(GrpcHeaders.View) is { Length: > 0 } view)
            {
                View = view;
            }
        }
        catch (RpcException)
        {
            // No headers: the default view applies.
        }

        _viewKnown = true;
    }
}
