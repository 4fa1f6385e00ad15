// Licensed under the MIT license. See LICENSE in the project root.

using Grpc.Core;
using Serow.Grpc.Internal;
using Serow.Streaming;
using Serow.Validation;

namespace Serow.Grpc;

/// <summary>
/// Starts calls for generated gRPC clients, one entry point per call shape: validates the payload before anything is
/// sent, starts the call through the generated protobuf client, and returns the result (unary) or the
/// <see cref="ClientCall{TIn, TOut}"/> the generated client stream wraps, with typed errors rebuilt from the trailers.
/// </summary>
public static class GrpcClientInvoker
{
    /// <summary>Runs a unary call.</summary>
    /// <typeparam name="TClient">The generated protobuf client.</typeparam>
    /// <typeparam name="TPayload">The payload type (<see cref="NoMessage"/> when none).</typeparam>
    /// <typeparam name="TResult">The result type (<see cref="NoMessage"/> when none).</typeparam>
    /// <typeparam name="TRequest">The request message.</typeparam>
    /// <typeparam name="TResponse">The response message.</typeparam>
    /// <param name="method">The method's descriptor.</param>
    /// <param name="client">The protobuf client, passed back to <paramref name="start"/>.</param>
    /// <param name="start">Starts the call.</param>
    /// <param name="payload">The payload.</param>
    /// <param name="options">Deadline, compression and headers.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The validated result.</returns>
    /// <exception cref="ValidationException">The payload or the result broke their rules.</exception>
    /// <exception cref="ServiceError">The server failed: its typed error.</exception>
    public static async Task<TResult> UnaryAsync<TClient, TPayload, TResult, TRequest, TResponse>(
        GrpcUnaryMethod<TPayload, TResult, TRequest, TResponse> method,
        TClient client,
        Func<TClient, TRequest, CallOptions, AsyncUnaryCall<TResponse>> start,
        TPayload payload,
        SerowGrpcClientOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(options);
        Validate(payload, method.ValidatePayload);
        cancellationToken.ThrowIfCancellationRequested();
        TResponse response;
        try
        {
            using var call = start(client, method.EncodePayload(payload), options.CallOptions(method.PayloadMetadata?.Invoke(payload), cancellationToken));
            response = await call.ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw GrpcErrors.FromRpcException(e, method.Errors, cancellationToken);
        }

        return Validate(method.DecodeResult(response), method.ValidateResult);
    }

    /// <summary>Starts a server-streaming call.</summary>
    /// <typeparam name="TClient">The generated protobuf client.</typeparam>
    /// <typeparam name="TPayload">The payload type (<see cref="NoMessage"/> when none).</typeparam>
    /// <typeparam name="TOut">The result type.</typeparam>
    /// <typeparam name="TRequest">The request message.</typeparam>
    /// <typeparam name="TResponse">The response message.</typeparam>
    /// <typeparam name="TStream">The method's client stream.</typeparam>
    /// <param name="method">The method's descriptor.</param>
    /// <param name="client">The protobuf client, passed back to <paramref name="start"/>.</param>
    /// <param name="start">Starts the call.</param>
    /// <param name="payload">The payload.</param>
    /// <param name="options">Deadline, compression and headers.</param>
    /// <param name="wrap">Wraps the call in the method's client stream.</param>
    /// <param name="cancellationToken">Aborts the call when cancelled, for its whole life.</param>
    /// <returns>The method's client stream; a <see cref="ValidationException"/> when the payload broke its rules (nothing was sent).</returns>
    public static Task<TStream> ServerStreamingAsync<TClient, TPayload, TOut, TRequest, TResponse, TStream>(
        GrpcStreamMethod<TPayload, NoMessage, TOut, TRequest, TResponse> method,
        TClient client,
        Func<TClient, TRequest, CallOptions, AsyncServerStreamingCall<TResponse>> start,
        TPayload payload,
        SerowGrpcClientOptions options,
        Func<ClientCall<NoMessage, TOut>, TStream> wrap,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(wrap);
        try
        {
            Validate(payload, method.ValidatePayload);
            cancellationToken.ThrowIfCancellationRequested();
            var request = method.EncodePayload is { } encode ? encode(payload) : throw new InvalidOperationException($"{method.DisplayName} has no request encoder.");
            var call = GrpcClientCall<TPayload, NoMessage, TOut, TRequest, TResponse>.Of(method, start(client, request, options.CallOptions(method.PayloadMetadata?.Invoke(payload), cancellationToken)));
            call.AbortWhen(cancellationToken);
            return Task.FromResult(wrap(call));
        }
        catch (Exception e)
        {
            return Task.FromException<TStream>(e);
        }
    }

    /// <summary>Starts a client-streaming call, after sending its payload envelope when the method has a payload.</summary>
    /// <typeparam name="TClient">The generated protobuf client.</typeparam>
    /// <typeparam name="TPayload">The payload type (<see cref="NoMessage"/> when none).</typeparam>
    /// <typeparam name="TIn">The type of the client's messages.</typeparam>
    /// <typeparam name="TOut">The final result type (<see cref="NoMessage"/> when none).</typeparam>
    /// <typeparam name="TRequest">The request stream's message.</typeparam>
    /// <typeparam name="TResponse">The response message.</typeparam>
    /// <typeparam name="TStream">The method's client stream.</typeparam>
    /// <param name="method">The method's descriptor.</param>
    /// <param name="client">The protobuf client, passed back to <paramref name="start"/>.</param>
    /// <param name="start">Starts the call.</param>
    /// <param name="payload">The payload (<c>default</c> when none).</param>
    /// <param name="options">Deadline, compression and headers.</param>
    /// <param name="wrap">Wraps the call in the method's client stream.</param>
    /// <param name="cancellationToken">Aborts the call when cancelled, for its whole life.</param>
    /// <returns>The method's client stream.</returns>
    public static async Task<TStream> ClientStreamingAsync<TClient, TPayload, TIn, TOut, TRequest, TResponse, TStream>(
        GrpcStreamMethod<TPayload, TIn, TOut, TRequest, TResponse> method,
        TClient client,
        Func<TClient, CallOptions, AsyncClientStreamingCall<TRequest, TResponse>> start,
        TPayload payload,
        SerowGrpcClientOptions options,
        Func<ClientCall<TIn, TOut>, TStream> wrap,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        return await OpenAsync(method, payload, options, wrap, callOptions => GrpcClientCall<TPayload, TIn, TOut, TRequest, TResponse>.Of(method, start(client, callOptions)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts a bidirectional call, after sending its payload envelope when the method has a payload.</summary>
    /// <typeparam name="TClient">The generated protobuf client.</typeparam>
    /// <typeparam name="TPayload">The payload type (<see cref="NoMessage"/> when none).</typeparam>
    /// <typeparam name="TIn">The type of the client's messages.</typeparam>
    /// <typeparam name="TOut">The result type.</typeparam>
    /// <typeparam name="TRequest">The request stream's message.</typeparam>
    /// <typeparam name="TResponse">The response message.</typeparam>
    /// <typeparam name="TStream">The method's client stream.</typeparam>
    /// <param name="method">The method's descriptor.</param>
    /// <param name="client">The protobuf client, passed back to <paramref name="start"/>.</param>
    /// <param name="start">Starts the call.</param>
    /// <param name="payload">The payload (<c>default</c> when none).</param>
    /// <param name="options">Deadline, compression and headers.</param>
    /// <param name="wrap">Wraps the call in the method's client stream.</param>
    /// <param name="cancellationToken">Aborts the call when cancelled, for its whole life.</param>
    /// <returns>The method's client stream.</returns>
    public static async Task<TStream> DuplexStreamingAsync<TClient, TPayload, TIn, TOut, TRequest, TResponse, TStream>(
        GrpcStreamMethod<TPayload, TIn, TOut, TRequest, TResponse> method,
        TClient client,
        Func<TClient, CallOptions, AsyncDuplexStreamingCall<TRequest, TResponse>> start,
        TPayload payload,
        SerowGrpcClientOptions options,
        Func<ClientCall<TIn, TOut>, TStream> wrap,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        return await OpenAsync(method, payload, options, wrap, callOptions => GrpcClientCall<TPayload, TIn, TOut, TRequest, TResponse>.Of(method, start(client, callOptions)), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<TStream> OpenAsync<TPayload, TIn, TOut, TRequest, TResponse, TStream>(
        GrpcStreamMethod<TPayload, TIn, TOut, TRequest, TResponse> method,
        TPayload payload,
        SerowGrpcClientOptions options,
        Func<ClientCall<TIn, TOut>, TStream> wrap,
        Func<CallOptions, GrpcClientCall<TPayload, TIn, TOut, TRequest, TResponse>> start,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(wrap);
        Validate(payload, method.ValidatePayload);
        cancellationToken.ThrowIfCancellationRequested();
        var call = start(options.CallOptions(method.EncodePayload is null ? null : method.PayloadMetadata?.Invoke(payload), cancellationToken));
        call.AbortWhen(cancellationToken);
        if (method.EncodePayload is not null)
        {
            await call.SendPayloadAsync(payload).ConfigureAwait(false);
        }

        return wrap(call);
    }

    private static T Validate<T>(T value, Action<T, ValidationReport>? validate)
    {
        if (validate is not null)
        {
            var report = new ValidationReport();
            if (value is null)
            {
                report.Required(string.Empty, null);
            }
            else
            {
                validate(value, report);
            }

            report.ThrowIfInvalid();
        }

        return value;
    }
}
