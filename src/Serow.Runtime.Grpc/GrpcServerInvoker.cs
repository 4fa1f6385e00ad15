// Licensed under the MIT license. See LICENSE in the project root.

using Grpc.Core;
using Serow.InProcess;
using Serow.Validation;

namespace Serow.Grpc;

/// <summary>
/// Runs a service method behind a generated gRPC handler: sets <see cref="GrpcCallContext.Current"/>, validates the
/// payload, maps failures to statuses and trailers (<see cref="GrpcErrors"/>) and, for streams, provides the
/// <see cref="GrpcServerCall{TIn, TOut}"/> the generated server stream wraps.
/// </summary>
public static class GrpcServerInvoker
{
    /// <summary>The name of the error a client stream with a result ends with when the method returned without sending it.</summary>
    public const string MissingResultName = InProcessCall<object, object>.MissingResultName;

    /// <summary>Runs a unary method.</summary>
    /// <typeparam name="TResponse">The response message type.</typeparam>
    /// <param name="method">The method's names and designed error codes.</param>
    /// <param name="options">The server options.</param>
    /// <param name="context">The gRPC call.</param>
    /// <param name="handler">Decodes and validates the request, calls the service and encodes the response.</param>
    /// <returns>The response message.</returns>
    public static async Task<TResponse> UnaryAsync<TResponse>(
        GrpcMethodInfo method, SerowGrpcOptions options, ServerCallContext context, Func<CancellationToken, Task<TResponse>> handler)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(handler);
        var call = new GrpcCallContext(context);
        using var scope = GrpcCallContext.Enter(call);
        try
        {
            var response = await handler(context.CancellationToken).ConfigureAwait(false);
            if (call.ResponseHeaders.Count > 0)
            {
                await context.WriteResponseHeadersAsync(call.ResponseHeaders).ConfigureAwait(false);
            }

            return response;
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            throw GrpcErrors.ToRpcException(e, method.ErrorCodes, options.IncludeExceptionDetails);
        }
    }

    /// <summary>
    /// Runs a streaming method: reads the one-shot payload, calls the handler with a <see cref="GrpcServerCall{TIn, TOut}"/>
    /// over the request and response streams, and ends the call when the handler returns (its error becomes the status).
    /// </summary>
    /// <typeparam name="TPayload">The one-shot payload type (<see cref="Streaming.NoMessage"/> when none).</typeparam>
    /// <typeparam name="TIn">The type of the client's messages.</typeparam>
    /// <typeparam name="TOut">The type of the server's messages or final result.</typeparam>
    /// <typeparam name="TInProto">The request stream's protobuf message.</typeparam>
    /// <typeparam name="TOutProto">The response's protobuf message.</typeparam>
    /// <param name="method">The method's names and designed error codes.</param>
    /// <param name="contract">Validation, projection and views of the method.</param>
    /// <param name="options">The server options.</param>
    /// <param name="context">The gRPC call.</param>
    /// <param name="requests">The request stream, or null when the client sends no stream.</param>
    /// <param name="decode">Converts a request message (null when <paramref name="requests"/> is); throws <see cref="ValidationException"/> for a message of the wrong kind.</param>
    /// <param name="responses">The response stream, or null when the server sends one final message.</param>
    /// <param name="encode">Converts a result to its protobuf message; null when the method has no result.</param>
    /// <param name="payload">Reads, decodes and validates the one-shot payload.</param>
    /// <param name="handler">Calls the service method.</param>
    /// <param name="resultRequired">Whether the method must end with <c>SendAndCloseAsync</c> (client streaming with a result).</param>
    /// <returns>The final result's message for a client stream with a result; null otherwise.</returns>
    public static async Task<TOutProto?> StreamAsync<TPayload, TIn, TOut, TInProto, TOutProto>(
        GrpcMethodInfo method,
        StreamContract<TIn, TOut> contract,
        SerowGrpcOptions options,
        ServerCallContext context,
        IAsyncStreamReader<TInProto>? requests,
        Func<TInProto, TIn>? decode,
        IServerStreamWriter<TOutProto>? responses,
        Func<TOut, TOutProto>? encode,
        Func<CancellationToken, ValueTask<TPayload>> payload,
        Func<TPayload, GrpcServerCall<TIn, TOut>, CancellationToken, Task> handler,
        bool resultRequired = false)
        where TOutProto : class
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(handler);
        var callContext = new GrpcCallContext(context);
        using var scope = GrpcCallContext.Enter(callContext);
        System.IO.Pipelines.PipeWriter? buffered = null;
        if (options.BufferWrites && responses is not null && encode is not null && context.GetHttpContext() is { } http)
        {
            // grpc-dotnet then writes each message into the response pipe without flushing; GrpcServerCall flushes.
            responses.WriteOptions = new WriteOptions(WriteFlags.BufferHint);
            buffered = http.Response.BodyWriter;
        }

        var call = new GrpcServerCall<TIn, TOut>(method, contract, callContext,
            requests is null ? null : requests.MoveNext,
            requests is null || decode is null ? null : () => decode(requests.Current),
            responses is null || encode is null ? null : (message, token) => responses.WriteAsync(encode(message), token),
            buffered);
        try
        {
            var value = await payload(context.CancellationToken).ConfigureAwait(false);
            await handler(value, call, context.CancellationToken).ConfigureAwait(false);
            if (resultRequired && !call.HasResult)
            {
                throw new ServiceError(MissingResultName, $"{method.DisplayName} finished without sending its result.", fault: true);
            }

            await call.FinishAsync().ConfigureAwait(false);
            return call.HasResult && encode is not null ? encode(call.Result!) : null;
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            call.Finish();
            throw;
        }
        catch (Exception e)
        {
            call.Finish();

            // A failure after the method closed its results itself does not change what the client receives.
            if (call.ClosedByHandler && (responses is not null || call.HasResult))
            {
                return call.HasResult && encode is not null ? encode(call.Result!) : null;
            }

            throw GrpcErrors.ToRpcException(e, method.ErrorCodes, options.IncludeExceptionDetails);
        }
    }

    /// <summary>Validates a decoded payload before the method runs.</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="payload">The payload.</param>
    /// <param name="validate">The payload's checks; null when it has none.</param>
    /// <returns>The payload.</returns>
    /// <exception cref="ValidationException">The payload broke its rules.</exception>
    public static T Payload<T>(T payload, Action<T, ValidationReport>? validate)
    {
        if (validate is not null)
        {
            var report = new ValidationReport();
            validate(payload, report);
            report.ThrowIfInvalid();
        }

        return payload;
    }

    /// <summary>Reads the first message of a request stream, which must carry the one-shot payload, and validates it.</summary>
    /// <typeparam name="TInProto">The request stream's message (the envelope).</typeparam>
    /// <typeparam name="TPayload">The payload type.</typeparam>
    /// <param name="requests">The request stream.</param>
    /// <param name="payloadOf">Returns the envelope's payload; throws <see cref="ValidationException"/> for another kind (see <see cref="NotPayload"/>).</param>
    /// <param name="validate">The payload's checks; null when it has none.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The payload.</returns>
    public static async ValueTask<TPayload> ReadPayloadAsync<TInProto, TPayload>(
        IAsyncStreamReader<TInProto> requests, Func<TInProto, TPayload> payloadOf, Action<TPayload, ValidationReport>? validate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(payloadOf);
        if (!await requests.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw NotPayload();
        }

        return Payload(payloadOf(requests.Current), validate);
    }

    /// <summary>The error of a request stream whose first message is not the payload.</summary>
    /// <returns>A validation error with the rule <c>decode</c> (INVALID_ARGUMENT on the wire).</returns>
    public static ValidationException NotPayload() =>
        new([new ValidationError(string.Empty, "decode", "the first message of the request stream must carry the payload (kind \"payload\")")]);

    /// <summary>The error of a request stream message, after the first, that is not a streamed message.</summary>
    /// <returns>A validation error with the rule <c>decode</c> (INVALID_ARGUMENT on the wire).</returns>
    public static ValidationException NotMessage() =>
        new([new ValidationError(string.Empty, "decode", "only the first message of the request stream carries the payload; the next ones must be of kind \"message\"")]);
}
