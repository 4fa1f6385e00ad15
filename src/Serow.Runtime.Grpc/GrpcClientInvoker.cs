// Licensed under the MIT license. See LICENSE in the project root.

using Grpc.Core;
using Serow.InProcess;
using Serow.Streaming;
using Serow.Validation;

namespace Serow.Grpc;

/// <summary>
/// Starts calls for generated gRPC clients: unary calls with typed errors, and streaming calls wrapped in a
/// <see cref="GrpcClientCall{TIn, TOut}"/>.
/// </summary>
public static class GrpcClientInvoker
{
    /// <summary>Runs a unary call and turns a failure into the typed error the server sent.</summary>
    /// <typeparam name="TResponse">The response message type.</typeparam>
    /// <param name="start">Starts the call.</param>
    /// <param name="errors">Creates typed errors from their names (the generated <c>&lt;Service&gt;Errors.Create</c>).</param>
    /// <param name="cancellationToken">The call's token.</param>
    /// <returns>The response message.</returns>
    public static async Task<TResponse> UnaryAsync<TResponse>(
        Func<AsyncUnaryCall<TResponse>> start, Func<string, string, bool, bool, bool, ServiceError> errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            using var call = start();
            return await call.ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw GrpcErrors.FromRpcException(e, errors, cancellationToken);
        }
    }

    /// <summary>Validates a value: a payload before it is sent, or a result once it is received.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="validate">The value's checks; null when it has none.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ValidationException">The value broke its rules.</exception>
    public static T Validate<T>(T value, Action<T, ValidationReport>? validate)
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

    /// <summary>Wraps a server-streaming call.</summary>
    /// <typeparam name="TOut">The result type.</typeparam>
    /// <typeparam name="TOutProto">The response message type.</typeparam>
    /// <param name="contract">Validation and views of the results.</param>
    /// <param name="errors">Creates typed errors from their names.</param>
    /// <param name="call">The started call.</param>
    /// <param name="decode">Converts a response message.</param>
    /// <param name="cancellationToken">The call's token.</param>
    /// <returns>The call, to wrap in the generated client stream.</returns>
    public static GrpcClientCall<NoMessage, TOut> ServerStreaming<TOut, TOutProto>(
        StreamContract<NoMessage, TOut> contract,
        Func<string, string, bool, bool, bool, ServiceError> errors,
        AsyncServerStreamingCall<TOutProto> call,
        Func<TOutProto, TOut> decode,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(decode);
        var endpoints = new GrpcClientCall<NoMessage, TOut>.Endpoints(
            null, null, call.ResponseStream.MoveNext, () => decode(call.ResponseStream.Current), null,
            call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
        return new GrpcClientCall<NoMessage, TOut>(contract, errors, endpoints, cancellationToken);
    }

    /// <summary>Wraps a client-streaming call, after sending its first message when the method has a one-shot payload.</summary>
    /// <typeparam name="TIn">The type of the client's messages.</typeparam>
    /// <typeparam name="TOut">The final result type (<see cref="NoMessage"/> when none).</typeparam>
    /// <typeparam name="TInProto">The request stream's message type.</typeparam>
    /// <typeparam name="TOutProto">The response message type.</typeparam>
    /// <param name="contract">Validation and views of the result.</param>
    /// <param name="errors">Creates typed errors from their names.</param>
    /// <param name="call">The started call.</param>
    /// <param name="encode">Converts a message to send.</param>
    /// <param name="decode">Converts the response message; null when the method has no result.</param>
    /// <param name="first">The payload envelope to send first, or null.</param>
    /// <param name="cancellationToken">The call's token.</param>
    /// <returns>The call, to wrap in the generated client stream.</returns>
    public static async Task<GrpcClientCall<TIn, TOut>> ClientStreamingAsync<TIn, TOut, TInProto, TOutProto>(
        StreamContract<TIn, TOut> contract,
        Func<string, string, bool, bool, bool, ServiceError> errors,
        AsyncClientStreamingCall<TInProto, TOutProto> call,
        Func<TIn, TInProto> encode,
        Func<TOutProto, TOut>? decode,
        TInProto? first,
        CancellationToken cancellationToken)
        where TInProto : class
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(encode);
        var endpoints = new GrpcClientCall<TIn, TOut>.Endpoints(
            (message, token) => call.RequestStream.WriteAsync(encode(message), token), call.RequestStream.CompleteAsync,
            null, null, async () =>
            {
                var response = await call.ResponseAsync.ConfigureAwait(false);
                return decode is null ? default! : decode(response);
            },
            call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
        var result = new GrpcClientCall<TIn, TOut>(contract, errors, endpoints, cancellationToken);
        await SendFirstAsync(call.RequestStream, first, result, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Wraps a bidirectional call, after sending its first message when the method has a one-shot payload.</summary>
    /// <typeparam name="TIn">The type of the client's messages.</typeparam>
    /// <typeparam name="TOut">The result type.</typeparam>
    /// <typeparam name="TInProto">The request stream's message type.</typeparam>
    /// <typeparam name="TOutProto">The response message type.</typeparam>
    /// <param name="contract">Validation and views of the results.</param>
    /// <param name="errors">Creates typed errors from their names.</param>
    /// <param name="call">The started call.</param>
    /// <param name="encode">Converts a message to send.</param>
    /// <param name="decode">Converts a response message.</param>
    /// <param name="first">The payload envelope to send first, or null.</param>
    /// <param name="cancellationToken">The call's token.</param>
    /// <returns>The call, to wrap in the generated client stream.</returns>
    public static async Task<GrpcClientCall<TIn, TOut>> DuplexStreamingAsync<TIn, TOut, TInProto, TOutProto>(
        StreamContract<TIn, TOut> contract,
        Func<string, string, bool, bool, bool, ServiceError> errors,
        AsyncDuplexStreamingCall<TInProto, TOutProto> call,
        Func<TIn, TInProto> encode,
        Func<TOutProto, TOut> decode,
        TInProto? first,
        CancellationToken cancellationToken)
        where TInProto : class
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(encode);
        ArgumentNullException.ThrowIfNull(decode);
        var endpoints = new GrpcClientCall<TIn, TOut>.Endpoints(
            (message, token) => call.RequestStream.WriteAsync(encode(message), token), call.RequestStream.CompleteAsync,
            call.ResponseStream.MoveNext, () => decode(call.ResponseStream.Current), null,
            call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
        var result = new GrpcClientCall<TIn, TOut>(contract, errors, endpoints, cancellationToken);
        await SendFirstAsync(call.RequestStream, first, result, cancellationToken).ConfigureAwait(false);
        return result;
    }

    private static async Task SendFirstAsync<TInProto, TIn, TOut>(IClientStreamWriter<TInProto> writer, TInProto? first, GrpcClientCall<TIn, TOut> call, CancellationToken cancellationToken)
        where TInProto : class
    {
        if (first is null)
        {
            return;
        }

        try
        {
            await writer.WriteAsync(first, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException)
        {
            // The server ended the call at once; the outcome surfaces from the stream's operations.
            _ = call;
        }
    }
}
