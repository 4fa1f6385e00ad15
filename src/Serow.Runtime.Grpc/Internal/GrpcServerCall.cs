// Licensed under the MIT license. See LICENSE in the project root.

using System.Runtime.CompilerServices;
using Google.Protobuf;
using Grpc.Core;
using Serow.AspNetCore.Internal;
using Serow.Streaming;

namespace Serow.Grpc.Internal;

/// <summary>
/// The server side of one streaming gRPC call: moves messages between the core's stream rules and grpc-dotnet's request
/// and response streams. Results are written with <c>BufferHint</c> and flushed by a <see cref="ResponseFlusher"/> when
/// <see cref="SerowGrpcOptions.BufferWrites"/> is on. The response headers (the user's and <c>serow-view</c>) go out
/// before the first result, or when the call ends.
/// </summary>
internal sealed class GrpcServerCall<TPayload, TIn, TOut, TRequest, TResponse> : ServerCall<TIn, TOut>
    where TRequest : class
    where TResponse : class
{
    private readonly GrpcStreamMethod<TPayload, TIn, TOut, TRequest, TResponse> _method;
    private readonly ServerCallContext _context;
    private readonly IAsyncStreamReader<TRequest>? _requests;
    private readonly IServerStreamWriter<TResponse>? _responses;
    private readonly ResponseFlusher? _flusher;
    private readonly CancellationTokenRegistration _clientGone;
    private bool _headersSent;

    internal override string TransportName => "grpc";

    internal override System.Diagnostics.ActivityContext RemoteParent() =>
        SerowTelemetry.ExtractParent(_context.RequestHeaders, static (headers, name) => headers.GetValue(name));

    public GrpcServerCall(
        GrpcStreamMethod<TPayload, TIn, TOut, TRequest, TResponse> method,
        ServerCallContext context,
        IAsyncStreamReader<TRequest>? requests,
        IServerStreamWriter<TResponse>? responses,
        SerowGrpcOptions options)
        : base(method.Stream, inboundCapacity: 0, wakeInline: false)
    {
        _method = method;
        _context = context;
        _requests = requests;
        _responses = responses;
        if (options.BufferWrites && responses is not null && context.GetHttpContext() is { } http)
        {
            // grpc-dotnet then writes each message into the response pipe without flushing; the flusher flushes.
            responses.WriteOptions = new WriteOptions(WriteFlags.BufferHint);
            _flusher = new ResponseFlusher(http.Response.BodyWriter, SendGate, flushOnSenderThread: true);
        }

        // The client cancelled, disconnected or passed its deadline.
        _clientGone = context.CancellationToken.UnsafeRegister(
            static call => ((GrpcServerCall<TPayload, TIn, TOut, TRequest, TResponse>)call!).Abort(StreamAbortReason.Cancelled), this);
    }

    /// <summary>Reads the one-shot payload from the first message of the request stream (an envelope of kind "payload").</summary>
    public async ValueTask<TPayload> ReadPayloadAsync()
    {
        if (!await MoveNextAsync(Token).ConfigureAwait(false))
        {
            ThrowIfAborted();
            throw GrpcServerInvoker.NotPayload();
        }

        return GrpcServerInvoker.WithMetadata(_method.DecodePayload!(_requests!.Current), _method.PayloadFromMetadata, _context);
    }

    // The headers wait for the first result (the handler may still add some), unless the handler announced where the
    // stream starts: the client must know that before any result.
    internal override ValueTask OpenAsync(string view) => StartPosition is null ? default : SendHeadersAsync();

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    internal override async ValueTask WriteAsync(TOut message, CancellationToken token)
    {
        if (_responses is null)
        {
            throw StreamErrors.NoResults(Contract.DisplayName);
        }

        await SendHeadersAsync().ConfigureAwait(false);
        try
        {
            if (_flusher is { } before)
            {
                await before.BeforeWriteAsync(token).ConfigureAwait(false);
            }

            var response = _method.EncodeResult!(message);
            if (CountsBytes && _method.ResponseSize is { } size)
            {
                CountBytes(sent: true, size(response));
            }

            await _responses.WriteAsync(response, token).ConfigureAwait(false);
            if (_flusher is { } after)
            {
                await after.AfterWriteAsync(token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            // The response stream broke (the client reset the call): the peer is gone.
            Abort(StreamAbortReason.Cancelled);
            throw;
        }
    }

    internal override ValueTask WriteResultAsync(TOut result, CancellationToken token) => SendHeadersAsync();

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    internal override async ValueTask<bool> MoveNextAsync(CancellationToken token)
    {
        if (_requests is null)
        {
            throw StreamErrors.NoMessages(Contract.DisplayName);
        }

        _flusher?.FlushBeforeReceive();
        bool received;
        try
        {
            received = await _requests.MoveNext(token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RpcException or InvalidProtocolBufferException or InvalidDataException)
        {
            // Before IOException, which InvalidProtocolBufferException derives from: an undecodable message is the peer's
            // error, answered with a typed status (grpc-dotnet may cancel the call as it fails it).
            throw FailByPeer(Undecodable(e));
        }
        catch (IOException)
        {
            // A reset request stream: the peer is gone, whether or not the call's token has fired yet.
            Abort(StreamAbortReason.Cancelled);
            throw;
        }

        if (!received)
        {
            // A broken request stream can read as its end; the call's token tells the two apart.
            if (_context.CancellationToken.IsCancellationRequested || _context.GetHttpContext()?.RequestAborted.IsCancellationRequested == true)
            {
                Abort(StreamAbortReason.Cancelled);
            }

            return false;
        }

        _flusher?.Received();
        return true;
    }

    internal override TIn Current
    {
        get
        {
            var request = _requests!.Current;
            if (CountsBytes && _method.RequestSize is { } size)
            {
                CountBytes(sent: false, size(request));
            }

            return _method.DecodeMessage!(request);
        }
    }

    internal override void OnAborted(StreamAbortReason reason)
    {
        // Every pending read and write waits on the call's token, which has fired.
    }

    internal override void AfterSend() => _flusher?.AfterRelease();

    internal override bool IsTransportFailure(Exception exception) => exception is RpcException;

    /// <summary>After the handler returned normally: sends the response headers if nothing did yet, and the buffered results.</summary>
    public async ValueTask FinishAsync()
    {
        await SendGate.EnterAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (GrpcCallContext.ResponseHeadersOf(_context) is { Count: > 0 } || Contract.Views.Count > 0)
            {
                await SendHeadersAsync().ConfigureAwait(false);
            }

            if (_flusher?.Finish() is { } pending)
            {
                // grpc-dotnet flushes the buffered messages with the status; a flush held back by flow control goes first.
                try
                {
                    await pending.WaitAsync(Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException || Token.IsCancellationRequested)
                {
                    // The call was aborted: nothing more reaches the client.
                }
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            Abort(StreamAbortReason.Cancelled);
        }
        finally
        {
            SendGate.Release();
        }
    }

    /// <summary>After the handler failed or the call was aborted: no queued flush runs any more.</summary>
    public void Abandon() => _flusher?.Abandon();

    public void Dispose() => _clientGone.Dispose();

    /// <summary>A message of the request stream grpc-dotnet could not decode: the call ends with INTERNAL, as grpc-go and grpc-dotnet end it.</summary>
    private ServiceError Undecodable(Exception exception) =>
        new(StreamErrors.ProtocolErrorName, $"A message of the request stream of {Contract.DisplayName} could not be decoded: {exception.Message}", fault: true, innerException: exception);

    // Called under the send gate, so headers go out once and before the first message.
    private async ValueTask SendHeadersAsync()
    {
        if (_headersSent)
        {
            return;
        }

        _headersSent = true;
        var added = GrpcCallContext.ResponseHeadersOf(_context);
        if (added is not { Count: > 0 } && Contract.Views.Count == 0 && StartPosition is null)
        {
            return;
        }

        var headers = new Metadata();
        foreach (var entry in added ?? [])
        {
            headers.Add(entry);
        }

        if (Contract.Views.Count > 0)
        {
            headers.Add(GrpcHeaders.View, View);
        }

        if (StartPosition is { } position)
        {
            headers.Add(GrpcHeaders.Position, position);
        }

        await _context.WriteResponseHeadersAsync(headers).ConfigureAwait(false);
    }
}
