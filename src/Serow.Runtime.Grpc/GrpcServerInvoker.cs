// Licensed under the MIT license. See LICENSE in the project root.

using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Serow.Grpc.Internal;
using Serow.Streaming;
using Serow.Validation;

namespace Serow.Grpc;

/// <summary>
/// Runs a service method behind a generated gRPC handler, one entry point per call shape (as grpc-dotnet has one
/// handler per shape): decodes and validates the payload, runs the method with <see cref="GrpcCallContext.Current"/>
/// set, and maps its outcome to a status and trailers (<see cref="GrpcErrors"/>). Streaming methods get a
/// <see cref="ServerCall{TIn, TOut}"/> holding the stream rules every transport shares.
/// </summary>
public static class GrpcServerInvoker
{
    /// <summary>Runs a unary method with a result.</summary>
    /// <typeparam name="TService">The service implementation.</typeparam>
    /// <typeparam name="TPayload">The payload type (<see cref="NoMessage"/> when none).</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="TRequest">The request message.</typeparam>
    /// <typeparam name="TResponse">The response message.</typeparam>
    /// <param name="method">The method's descriptor.</param>
    /// <param name="options">The server options.</param>
    /// <param name="service">The implementation, passed back to <paramref name="handler"/>.</param>
    /// <param name="request">The request.</param>
    /// <param name="context">The gRPC call.</param>
    /// <param name="handler">Calls the service method.</param>
    /// <returns>The response.</returns>
    public static async Task<TResponse> UnaryAsync<TService, TPayload, TResult, TRequest, TResponse>(
        GrpcUnaryMethod<TPayload, TResult, TRequest, TResponse> method,
        SerowGrpcOptions options,
        TService service,
        TRequest request,
        ServerCallContext context,
        Func<TService, TPayload, CancellationToken, Task<TResult>> handler)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(handler);
        var call = new GrpcCallContext(context);
        using var scope = GrpcCallContext.Enter(call);
        try
        {
            var payload = DecodePayload(method, request, context);
            var result = await handler(service, payload, context.CancellationToken).ConfigureAwait(false);
            await SendHeadersAsync(call).ConfigureAwait(false);
            return method.EncodeResult(result);
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            throw Failure(e, method, options, context);
        }
    }

    /// <summary>Runs a unary method without a result.</summary>
    /// <typeparam name="TService">The service implementation.</typeparam>
    /// <typeparam name="TPayload">The payload type (<see cref="NoMessage"/> when none).</typeparam>
    /// <typeparam name="TRequest">The request message.</typeparam>
    /// <typeparam name="TResponse">The (empty) response message.</typeparam>
    /// <param name="method">The method's descriptor.</param>
    /// <param name="options">The server options.</param>
    /// <param name="service">The implementation, passed back to <paramref name="handler"/>.</param>
    /// <param name="request">The request.</param>
    /// <param name="context">The gRPC call.</param>
    /// <param name="handler">Calls the service method.</param>
    /// <returns>The empty response.</returns>
    public static Task<TResponse> UnaryWithoutResultAsync<TService, TPayload, TRequest, TResponse>(
        GrpcUnaryMethod<TPayload, NoMessage, TRequest, TResponse> method,
        SerowGrpcOptions options,
        TService service,
        TRequest request,
        ServerCallContext context,
        Func<TService, TPayload, CancellationToken, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return UnaryAsync(method, options, (service, handler), request, context, static async (state, payload, token) =>
        {
            await state.handler(state.service, payload, token).ConfigureAwait(false);
            return default(NoMessage)!;
        });
    }

    /// <summary>Runs a server-streaming method: the payload travels in the request, the results in the response stream.</summary>
    /// <typeparam name="TService">The service implementation.</typeparam>
    /// <typeparam name="TPayload">The payload type (<see cref="NoMessage"/> when none).</typeparam>
    /// <typeparam name="TOut">The result type.</typeparam>
    /// <typeparam name="TRequest">The request message.</typeparam>
    /// <typeparam name="TResponse">The response message.</typeparam>
    /// <param name="method">The method's descriptor.</param>
    /// <param name="options">The server options.</param>
    /// <param name="service">The implementation, passed back to <paramref name="handler"/>.</param>
    /// <param name="request">The request.</param>
    /// <param name="responses">The response stream.</param>
    /// <param name="context">The gRPC call.</param>
    /// <param name="handler">Calls the service method with the payload and the server side of the stream.</param>
    public static Task ServerStreamingAsync<TService, TPayload, TOut, TRequest, TResponse>(
        GrpcStreamMethod<TPayload, NoMessage, TOut, TRequest, TResponse> method,
        SerowGrpcOptions options,
        TService service,
        TRequest request,
        IServerStreamWriter<TResponse> responses,
        ServerCallContext context,
        Func<TService, TPayload, ServerCall<NoMessage, TOut>, CancellationToken, Task> handler)
        where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(responses);
        return RunAsync(method, options, service, context, request, null, responses, handler);
    }

    /// <summary>
    /// Runs a client-streaming method: the messages (after a payload envelope, when the method has a payload) travel in
    /// the request stream, the final result (or an empty response) in the response.
    /// </summary>
    /// <typeparam name="TService">The service implementation.</typeparam>
    /// <typeparam name="TPayload">The payload type (<see cref="NoMessage"/> when none).</typeparam>
    /// <typeparam name="TIn">The type of the client's messages.</typeparam>
    /// <typeparam name="TOut">The final result type (<see cref="NoMessage"/> when none).</typeparam>
    /// <typeparam name="TRequest">The request stream's message.</typeparam>
    /// <typeparam name="TResponse">The response message.</typeparam>
    /// <param name="method">The method's descriptor.</param>
    /// <param name="options">The server options.</param>
    /// <param name="service">The implementation, passed back to <paramref name="handler"/>.</param>
    /// <param name="requests">The request stream.</param>
    /// <param name="context">The gRPC call.</param>
    /// <param name="handler">Calls the service method with the payload and the server side of the stream.</param>
    /// <returns>The response.</returns>
    public static async Task<TResponse> ClientStreamingAsync<TService, TPayload, TIn, TOut, TRequest, TResponse>(
        GrpcStreamMethod<TPayload, TIn, TOut, TRequest, TResponse> method,
        SerowGrpcOptions options,
        TService service,
        IAsyncStreamReader<TRequest> requests,
        ServerCallContext context,
        Func<TService, TPayload, ServerCall<TIn, TOut>, CancellationToken, Task> handler)
        where TResponse : class, new()
    {
        ArgumentNullException.ThrowIfNull(requests);
        return await RunAsync(method, options, service, context, default, requests, null, handler).ConfigureAwait(false) ?? new TResponse();
    }

    /// <summary>Runs a bidirectional method: messages (after a payload envelope, when the method has a payload) in the request stream, results in the response stream.</summary>
    /// <typeparam name="TService">The service implementation.</typeparam>
    /// <typeparam name="TPayload">The payload type (<see cref="NoMessage"/> when none).</typeparam>
    /// <typeparam name="TIn">The type of the client's messages.</typeparam>
    /// <typeparam name="TOut">The result type.</typeparam>
    /// <typeparam name="TRequest">The request stream's message.</typeparam>
    /// <typeparam name="TResponse">The response message.</typeparam>
    /// <param name="method">The method's descriptor.</param>
    /// <param name="options">The server options.</param>
    /// <param name="service">The implementation, passed back to <paramref name="handler"/>.</param>
    /// <param name="requests">The request stream.</param>
    /// <param name="responses">The response stream.</param>
    /// <param name="context">The gRPC call.</param>
    /// <param name="handler">Calls the service method with the payload and the server side of the stream.</param>
    public static Task DuplexStreamingAsync<TService, TPayload, TIn, TOut, TRequest, TResponse>(
        GrpcStreamMethod<TPayload, TIn, TOut, TRequest, TResponse> method,
        SerowGrpcOptions options,
        TService service,
        IAsyncStreamReader<TRequest> requests,
        IServerStreamWriter<TResponse> responses,
        ServerCallContext context,
        Func<TService, TPayload, ServerCall<TIn, TOut>, CancellationToken, Task> handler)
        where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(responses);
        return RunAsync(method, options, service, context, default, requests, responses, handler);
    }

    /// <summary>The error of a request stream whose first message is not the payload.</summary>
    /// <returns>A validation error with the rule <c>decode</c> (INVALID_ARGUMENT on the wire).</returns>
    public static ValidationException NotPayload() =>
        new([new ValidationError(string.Empty, "decode", "the first message of the request stream must carry the payload (kind \"payload\")")]);

    /// <summary>The error of a request stream message, after the first, that is not a streamed message.</summary>
    /// <returns>A validation error with the rule <c>decode</c> (INVALID_ARGUMENT on the wire).</returns>
    public static ValidationException NotMessage() =>
        new([new ValidationError(string.Empty, "decode", "only the first message of the request stream carries the payload; the next ones must be of kind \"message\"")]);

    private static async Task<TResponse?> RunAsync<TService, TPayload, TIn, TOut, TRequest, TResponse>(
        GrpcStreamMethod<TPayload, TIn, TOut, TRequest, TResponse> method,
        SerowGrpcOptions options,
        TService service,
        ServerCallContext context,
        TRequest? request,
        IAsyncStreamReader<TRequest>? requests,
        IServerStreamWriter<TResponse>? responses,
        Func<TService, TPayload, ServerCall<TIn, TOut>, CancellationToken, Task> handler)
        where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(handler);
        var callContext = new GrpcCallContext(context);
        using var scope = GrpcCallContext.Enter(callContext);
        var call = new GrpcServerCall<TPayload, TIn, TOut, TRequest, TResponse>(method, callContext, requests, responses, options);
        using var tracking = Tracker(context).Track(call);
        try
        {
            ServerCallOutcome outcome;
            try
            {
                var payload = await PayloadAsync(method, call, request, requests is not null, context).ConfigureAwait(false);
                outcome = await call.RunAsync((service, payload, handler), static (state, stream, token) => state.handler(state.service, state.payload, stream, token)).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // The payload could not be read or was invalid: the handler never ran.
                outcome = call.Complete(e);
            }

            if (outcome.IsFailed)
            {
                call.Abandon();
                throw GrpcErrors.ToRpcException(outcome.Error!, method.ErrorCodes, options.IncludeExceptionDetails);
            }

            if (outcome.TransportFailure is RpcException status)
            {
                call.Abandon();
                throw status;
            }

            if (outcome.IsAborted)
            {
                call.Abandon();
                throw new RpcException(new Status(StatusCode.Cancelled, $"The call to {method.DisplayName} was cancelled."));
            }

            await call.FinishAsync().ConfigureAwait(false);
            return call.HasResult && method.EncodeResult is { } encode ? encode(call.Result!) : null;
        }
        finally
        {
            call.Dispose();
        }
    }

    private static ValueTask<TPayload> PayloadAsync<TPayload, TIn, TOut, TRequest, TResponse>(
        GrpcStreamMethod<TPayload, TIn, TOut, TRequest, TResponse> method,
        GrpcServerCall<TPayload, TIn, TOut, TRequest, TResponse> call,
        TRequest? request,
        bool inEnvelope,
        ServerCallContext context)
        where TResponse : class
    {
        if (method.DecodePayload is null)
        {
            return new ValueTask<TPayload>(default(TPayload)!);
        }

        if (inEnvelope)
        {
            return ValidatedAsync(call.ReadPayloadAsync(), method.ValidatePayload);
        }

        return new ValueTask<TPayload>(Validated(method.DecodePayload(request!, context.RequestHeaders), method.ValidatePayload));

        static async ValueTask<TPayload> ValidatedAsync(ValueTask<TPayload> payload, Action<TPayload, ValidationReport>? validate) =>
            Validated(await payload.ConfigureAwait(false), validate);
    }

    private static TPayload DecodePayload<TPayload, TResult, TRequest, TResponse>(GrpcUnaryMethod<TPayload, TResult, TRequest, TResponse> method, TRequest request, ServerCallContext context) =>
        method.DecodePayload is { } decode ? Validated(decode(request, context.RequestHeaders), method.ValidatePayload) : default!;

    private static T Validated<T>(T value, Action<T, ValidationReport>? validate)
    {
        if (validate is not null)
        {
            var report = new ValidationReport();
            validate(value, report);
            report.ThrowIfInvalid();
        }

        return value;
    }

    private static async ValueTask SendHeadersAsync(GrpcCallContext call)
    {
        if (call.ResponseHeaders.Count > 0)
        {
            await call.Server.WriteResponseHeadersAsync(call.ResponseHeaders).ConfigureAwait(false);
        }
    }

    private static RpcException Failure(Exception exception, GrpcMethodBase method, SerowGrpcOptions options, ServerCallContext context)
    {
        if (exception is RpcException rpc)
        {
            return rpc;
        }

        var error = ServerErrors.ToServiceError(exception, Tracker(context).Logger, method.DisplayName);
        return GrpcErrors.ToRpcException(error, method.ErrorCodes, options.IncludeExceptionDetails);
    }

    private static ServerCallTracker Tracker(ServerCallContext context) =>
        context.GetHttpContext()?.RequestServices?.GetService<ServerCallTracker>() ?? ServerCallTracker.None;
}
