// Licensed under the MIT license. See LICENSE in the project root.

using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Serow.Grpc.Internal;
using Serow.Grpc.Protobuf;
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
    private static readonly Task<NoMessage> NoResult = Task.FromResult<NoMessage>(null!);
    private static readonly Task<ProtoEmpty> EmptyResponse = Task.FromResult(ProtoEmpty.Instance);

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
    public static Task<TResponse> UnaryAsync<TService, TPayload, TResult, TRequest, TResponse>(
        GrpcUnaryMethod<TPayload, TResult, TRequest, TResponse> method,
        SerowGrpcOptions options,
        TService service,
        TRequest request,
        ServerCallContext context,
        Func<TService, TPayload, CancellationToken, Task<TResult>> handler)
        where TRequest : class
        where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(handler);
        if (SerowTelemetry.ObservesUnaryCalls)
        {
            return SerowTelemetry.ObserveUnaryAsync(
                (method, options, service, request, context, handler),
                static state => UnobservedUnaryAsync(state.method, state.options, state.service, state.request, state.context, state.handler),
                method.Service,
                method.Method,
                "grpc",
                SerowTelemetry.ExtractParent(context.RequestHeaders, static (headers, name) => headers.GetValue(name)),
                static e => e is RpcException rpc ? rpc.Trailers.GetValue(GrpcHeaders.ErrorName) ?? rpc.StatusCode.ToString() : e.GetType().Name);
        }

        return UnobservedUnaryAsync(method, options, service, request, context, handler);
    }

    private static Task<TResponse> UnobservedUnaryAsync<TService, TPayload, TResult, TRequest, TResponse>(
        GrpcUnaryMethod<TPayload, TResult, TRequest, TResponse> method,
        SerowGrpcOptions options,
        TService service,
        TRequest request,
        ServerCallContext context,
        Func<TService, TPayload, CancellationToken, Task<TResult>> handler)
        where TRequest : class
        where TResponse : class
    {
        GrpcCallContext.Enter(context);
        if (method.Security is { } security)
        {
            return SecuredUnaryAsync(method, options, service, request, context, handler, security);
        }

        return UnaryCoreAsync(method, options, service, request, context, handler);
    }

    private static async Task<TResponse> SecuredUnaryAsync<TService, TPayload, TResult, TRequest, TResponse>(
        GrpcUnaryMethod<TPayload, TResult, TRequest, TResponse> method,
        SerowGrpcOptions options,
        TService service,
        TRequest request,
        ServerCallContext context,
        Func<TService, TPayload, CancellationToken, Task<TResult>> handler,
        Security.MethodSecurity security)
        where TRequest : class
        where TResponse : class
    {
        try
        {
            // Entered in this async method, the caller's context flows into the handler called below.
            await AuthorizeAsync(context, security).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            throw Failure(e, method, options, context);
        }

        return await UnaryCoreAsync(method, options, service, request, context, handler).ConfigureAwait(false);
    }

    private static ValueTask AuthorizeAsync(ServerCallContext context, Security.MethodSecurity security)
    {
        // The generated method provider puts the server's authorizer in each endpoint's metadata (no DI scope per call).
        var http = context.GetHttpContext();
        var authorizer = http.GetEndpoint()?.Metadata.GetMetadata<AspNetCore.AspNetCoreCallAuthorizer>();
        return AspNetCore.SerowSecurity.AuthorizeAsync(http, authorizer, Security.SerowCallContext.Enter(security, "grpc"));
    }

    private static Task<TResponse> UnaryCoreAsync<TService, TPayload, TResult, TRequest, TResponse>(
        GrpcUnaryMethod<TPayload, TResult, TRequest, TResponse> method,
        SerowGrpcOptions options,
        TService service,
        TRequest request,
        ServerCallContext context,
        Func<TService, TPayload, CancellationToken, Task<TResult>> handler)
        where TRequest : class
        where TResponse : class
    {
        Task<TResult> task;
        try
        {
            task = handler(service, DecodePayload(method, request, context), context.CancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            return Task.FromException<TResponse>(Failure(e, method, options, context));
        }

        if (task.IsCompletedSuccessfully && GrpcCallContext.ResponseHeadersOf(context) is null or { Count: 0 } && method.ResultHeaders is null && method.ResultTrailers is null)
        {
            // The common case of a method that completed synchronously: no state machine, and an object result is
            // its own response, so the method's task is the response's.
            if (method.EncodeResult is null)
            {
                return (Task<TResponse>)(object)task;
            }

            try
            {
                var response = method.EncodeResult(task.Result);
                return response is ProtoEmpty ? (Task<TResponse>)(object)EmptyResponse : Task.FromResult(response);
            }
            catch (Exception e)
            {
                return Task.FromException<TResponse>(Failure(e, method, options, context));
            }
        }

        return CompleteAsync(method, options, context, task);
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
        where TRequest : class
        where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(handler);
        return UnaryAsync(method, options, (service, handler), request, context, static (state, payload, token) =>
        {
            var task = state.handler(state.service, payload, token);
            return task.IsCompletedSuccessfully ? NoResult : AwaitAsync(task);
        });

        static async Task<NoMessage> AwaitAsync(Task task)
        {
            await task.ConfigureAwait(false);
            return null!;
        }
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
        where TRequest : class
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
        where TRequest : class
        where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(requests);
        return await RunAsync(method, options, service, context, default, requests, null, handler).ConfigureAwait(false)
            ?? (ProtoEmpty.Instance as TResponse ?? throw new InvalidOperationException($"{method.DisplayName} ended without a response."));
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
        where TRequest : class
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
        where TRequest : class
        where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(handler);
        GrpcCallContext.Enter(context);
        var call = new GrpcServerCall<TPayload, TIn, TOut, TRequest, TResponse>(method, context, requests, responses, options);
        using var tracking = Tracker(context).Track(call);
        try
        {
            ServerCallOutcome outcome;
            try
            {
                if (method.Security is { } security)
                {
                    await AuthorizeAsync(context, security).ConfigureAwait(false);
                }

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
        where TRequest : class
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

        return new ValueTask<TPayload>(Validated(WithMetadata(method.DecodePayload(request!), method.PayloadFromMetadata, context), method.ValidatePayload));

        static async ValueTask<TPayload> ValidatedAsync(ValueTask<TPayload> payload, Action<TPayload, ValidationReport>? validate) =>
            Validated(await payload.ConfigureAwait(false), validate);
    }

    private static TPayload DecodePayload<TPayload, TResult, TRequest, TResponse>(GrpcUnaryMethod<TPayload, TResult, TRequest, TResponse> method, TRequest request, ServerCallContext context)
        where TRequest : class
        where TResponse : class =>
        method.DecodePayload is { } decode ? Validated(WithMetadata(decode(request), method.PayloadFromMetadata, context), method.ValidatePayload) : default!;

    /// <summary>Applies the request metadata to the payload; the metadata is only read (and made) when the payload needs it.</summary>
    internal static TPayload WithMetadata<TPayload>(TPayload payload, Func<TPayload, Metadata, TPayload>? apply, ServerCallContext context) =>
        apply is null ? payload : apply(payload, context.RequestHeaders);

    private static T Validated<T>(T value, Action<T, ValidationReport>? validate)
    {
        if (validate is not null)
        {
            ValidationReport.Check(value, validate);
        }

        return value;
    }

    private static async Task<TResponse> CompleteAsync<TPayload, TResult, TRequest, TResponse>(
        GrpcUnaryMethod<TPayload, TResult, TRequest, TResponse> method,
        SerowGrpcOptions options,
        ServerCallContext context,
        Task<TResult> task)
        where TRequest : class
        where TResponse : class
    {
        try
        {
            var result = await task.ConfigureAwait(false);
            var headers = GrpcCallContext.ResponseHeadersOf(context);
            if (method.ResultHeaders?.Invoke(result) is { Count: > 0 } designed)
            {
                // The design's headers join those the handler added through GrpcCallContext.
                headers ??= [];
                foreach (var entry in designed)
                {
                    headers.Add(entry);
                }
            }

            if (headers is { Count: > 0 })
            {
                await context.WriteResponseHeadersAsync(headers).ConfigureAwait(false);
            }

            if (method.ResultTrailers?.Invoke(result) is { } trailers)
            {
                foreach (var entry in trailers)
                {
                    context.ResponseTrailers.Add(entry);
                }
            }

            return method.EncodeResult is { } encode ? encode(result) : (TResponse)(object)result!;
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            throw Failure(e, method, options, context);
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

    // The generated method provider puts the tracker in each endpoint's metadata (no DI scope per call); a service
    // bound otherwise finds it in the request's services.
    private static ServerCallTracker Tracker(ServerCallContext context) =>
        context.GetHttpContext() is { } http
            ? http.GetEndpoint()?.Metadata.GetMetadata<ServerCallTracker>() ?? http.RequestServices?.GetService<ServerCallTracker>() ?? ServerCallTracker.None
            : ServerCallTracker.None;
}
