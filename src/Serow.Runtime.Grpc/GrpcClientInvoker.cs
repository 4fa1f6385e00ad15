// Licensed under the MIT license. See LICENSE in the project root.

using Grpc.Core;
using Serow.Grpc.Internal;
using Serow.Streaming;
using Serow.Validation;

namespace Serow.Grpc;

/// <summary>
/// Starts calls for generated gRPC clients, one entry point per call shape: validates the payload before anything is
/// sent, starts the call through the <see cref="CallInvoker"/> with the method's descriptor, and returns the result
/// (unary) or the <see cref="ClientCall{TIn, TOut}"/> the generated client stream wraps, with typed errors rebuilt from
/// the trailers.
/// </summary>
public static class GrpcClientInvoker
{
    private const string Transport = "grpc";

    /// <summary>Runs a unary call.</summary>
    /// <typeparam name="TPayload">The payload type (<see cref="NoMessage"/> when none).</typeparam>
    /// <typeparam name="TResult">The result type (<see cref="NoMessage"/> when none).</typeparam>
    /// <typeparam name="TRequest">The request message.</typeparam>
    /// <typeparam name="TResponse">The response message.</typeparam>
    /// <param name="method">The method's descriptor.</param>
    /// <param name="invoker">The channel's call invoker (with its interceptors).</param>
    /// <param name="payload">The payload.</param>
    /// <param name="options">Deadline, compression and headers.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The validated result.</returns>
    public static async Task<TResult> UnaryAsync<TPayload, TResult, TRequest, TResponse>(
        GrpcUnaryMethod<TPayload, TResult, TRequest, TResponse> method,
        CallInvoker invoker,
        TPayload payload,
        SerowGrpcClientOptions options,
        CancellationToken cancellationToken)
        where TRequest : class
        where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(invoker);
        ArgumentNullException.ThrowIfNull(options);
        Validate(payload, method.ValidatePayload);
        cancellationToken.ThrowIfCancellationRequested();
        var activity = SerowTelemetry.StartClientCall(method.Service, method.Method, Transport);
        try
        {
            TResponse response;
            Metadata? headers = null, trailers = null;
            try
            {
                var callOptions = options.CallOptions(await WithCredentialsAsync(method, options, method.PayloadMetadata?.Invoke(payload), cancellationToken).ConfigureAwait(false), cancellationToken);
                using var call = invoker.AsyncUnaryCall(method.Definition, null, callOptions, method.EncodePayload(payload));
                response = await call.ResponseAsync.ConfigureAwait(false);
                if (method.ResultFromMetadata is not null)
                {
                    headers = await call.ResponseHeadersAsync.ConfigureAwait(false);
                    trailers = call.GetTrailers();
                }
            }
            catch (RpcException e)
            {
                throw GrpcErrors.FromRpcException(e, method.Errors, cancellationToken);
            }

            var result = method.DecodeResult is { } decode ? decode(response) : (TResult)(object)response;
            if (method.ResultFromMetadata is { } fromMetadata)
            {
                result = fromMetadata(result, headers!, trailers!);
            }

            result = Validate(result, method.ValidateResult);
            SerowTelemetry.EndClientCall(activity, null);
            return result;
        }
        catch (Exception e) when (SerowTelemetry.EndClientCall(activity, e))
        {
            throw;
        }
    }

    /// <summary>Starts a server-streaming call: the validated payload travels in the request.</summary>
    /// <typeparam name="TPayload">The payload type (<see cref="NoMessage"/> when none).</typeparam>
    /// <typeparam name="TOut">The result type.</typeparam>
    /// <typeparam name="TRequest">The request message.</typeparam>
    /// <typeparam name="TResponse">The response message.</typeparam>
    /// <typeparam name="TStream">The method's client stream.</typeparam>
    /// <param name="method">The method's descriptor.</param>
    /// <param name="invoker">The channel's call invoker (with its interceptors).</param>
    /// <param name="payload">The payload.</param>
    /// <param name="options">Deadline, compression and headers.</param>
    /// <param name="wrap">Wraps the call in the method's client stream.</param>
    /// <param name="cancellationToken">Aborts the call when cancelled, for its whole life.</param>
    /// <returns>The client stream.</returns>
    public static Task<TStream> ServerStreamingAsync<TPayload, TOut, TRequest, TResponse, TStream>(
        GrpcStreamMethod<TPayload, NoMessage, TOut, TRequest, TResponse> method,
        CallInvoker invoker,
        TPayload payload,
        SerowGrpcClientOptions options,
        Func<ClientCall<NoMessage, TOut>, TStream> wrap,
        CancellationToken cancellationToken)
        where TRequest : class
        where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(invoker);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(wrap);
        try
        {
            Validate(payload, method.ValidatePayload);
            cancellationToken.ThrowIfCancellationRequested();
            var request = method.EncodePayload is { } encode ? encode(payload) : throw new InvalidOperationException($"{method.DisplayName} has no request encoder.");
            if (method.Security is not null && options.Credentials is not null)
            {
                return WithCredentialsAsync();
            }

            return Task.FromResult(Start(method.PayloadMetadata?.Invoke(payload)));

            async Task<TStream> WithCredentialsAsync() =>
                Start(await GrpcClientInvoker.WithCredentialsAsync(method, options, method.PayloadMetadata?.Invoke(payload), cancellationToken).ConfigureAwait(false));

            TStream Start(Metadata? metadata)
            {
                // The call starts under the client's activity (its trace context goes out with the request), then the caller's is current again.
                var activity = SerowTelemetry.StartClientCall(method.Service, method.Method, Transport);
                try
                {
                    var call = GrpcClientCall<TPayload, NoMessage, TOut, TRequest, TResponse>.Of(method, invoker.AsyncServerStreamingCall(method.Definition, null, options.CallOptions(metadata, cancellationToken), request));
                    call.Observe(activity);
                    call.AbortWhen(cancellationToken);
                    return wrap(call);
                }
                catch (Exception e) when (SerowTelemetry.EndClientCall(activity, e))
                {
                    throw;
                }
                finally
                {
                    SerowTelemetry.RestoreCaller(activity);
                }
            }
        }
        catch (Exception e)
        {
            return Task.FromException<TStream>(e);
        }
    }

    /// <summary>
    /// Starts a client-streaming call; with a one-shot payload, the validated payload is sent as the first message of
    /// the request stream.
    /// </summary>
    /// <typeparam name="TPayload">The payload type (<see cref="NoMessage"/> when none).</typeparam>
    /// <typeparam name="TIn">The type of the client's messages.</typeparam>
    /// <typeparam name="TOut">The final result type (<see cref="NoMessage"/> when none).</typeparam>
    /// <typeparam name="TRequest">The request stream's message.</typeparam>
    /// <typeparam name="TResponse">The response message.</typeparam>
    /// <typeparam name="TStream">The method's client stream.</typeparam>
    /// <param name="method">The method's descriptor.</param>
    /// <param name="invoker">The channel's call invoker (with its interceptors).</param>
    /// <param name="payload">The payload (<c>default</c> when none).</param>
    /// <param name="options">Deadline, compression and headers.</param>
    /// <param name="wrap">Wraps the call in the method's client stream.</param>
    /// <param name="cancellationToken">Aborts the call when cancelled, for its whole life.</param>
    /// <returns>The client stream.</returns>
    public static Task<TStream> ClientStreamingAsync<TPayload, TIn, TOut, TRequest, TResponse, TStream>(
        GrpcStreamMethod<TPayload, TIn, TOut, TRequest, TResponse> method,
        CallInvoker invoker,
        TPayload payload,
        SerowGrpcClientOptions options,
        Func<ClientCall<TIn, TOut>, TStream> wrap,
        CancellationToken cancellationToken)
        where TRequest : class
        where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(invoker);
        return OpenAsync(method, payload, options, wrap, (method, invoker), static (state, callOptions) =>
            GrpcClientCall<TPayload, TIn, TOut, TRequest, TResponse>.Of(state.method, state.invoker.AsyncClientStreamingCall(state.method.Definition, null, callOptions)), cancellationToken);
    }

    /// <summary>
    /// Starts a bidirectional call; with a one-shot payload, the validated payload is sent as the first message of the
    /// request stream.
    /// </summary>
    /// <typeparam name="TPayload">The payload type (<see cref="NoMessage"/> when none).</typeparam>
    /// <typeparam name="TIn">The type of the client's messages.</typeparam>
    /// <typeparam name="TOut">The result type.</typeparam>
    /// <typeparam name="TRequest">The request stream's message.</typeparam>
    /// <typeparam name="TResponse">The response message.</typeparam>
    /// <typeparam name="TStream">The method's client stream.</typeparam>
    /// <param name="method">The method's descriptor.</param>
    /// <param name="invoker">The channel's call invoker (with its interceptors).</param>
    /// <param name="payload">The payload (<c>default</c> when none).</param>
    /// <param name="options">Deadline, compression and headers.</param>
    /// <param name="wrap">Wraps the call in the method's client stream.</param>
    /// <param name="cancellationToken">Aborts the call when cancelled, for its whole life.</param>
    /// <returns>The client stream.</returns>
    public static Task<TStream> DuplexStreamingAsync<TPayload, TIn, TOut, TRequest, TResponse, TStream>(
        GrpcStreamMethod<TPayload, TIn, TOut, TRequest, TResponse> method,
        CallInvoker invoker,
        TPayload payload,
        SerowGrpcClientOptions options,
        Func<ClientCall<TIn, TOut>, TStream> wrap,
        CancellationToken cancellationToken)
        where TRequest : class
        where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(invoker);
        return OpenAsync(method, payload, options, wrap, (method, invoker), static (state, callOptions) =>
            GrpcClientCall<TPayload, TIn, TOut, TRequest, TResponse>.Of(state.method, state.invoker.AsyncDuplexStreamingCall(state.method.Definition, null, callOptions)), cancellationToken);
    }

    private static async Task<TStream> OpenAsync<TPayload, TIn, TOut, TRequest, TResponse, TStream, TState>(
        GrpcStreamMethod<TPayload, TIn, TOut, TRequest, TResponse> method,
        TPayload payload,
        SerowGrpcClientOptions options,
        Func<ClientCall<TIn, TOut>, TStream> wrap,
        TState state,
        Func<TState, CallOptions, GrpcClientCall<TPayload, TIn, TOut, TRequest, TResponse>> start,
        CancellationToken cancellationToken)
        where TRequest : class
        where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(wrap);
        Validate(payload, method.ValidatePayload);
        cancellationToken.ThrowIfCancellationRequested();
        var metadata = await WithCredentialsAsync(method, options, method.EncodePayload is null ? null : method.PayloadMetadata?.Invoke(payload), cancellationToken).ConfigureAwait(false);
        var activity = SerowTelemetry.StartClientCall(method.Service, method.Method, Transport);
        GrpcClientCall<TPayload, TIn, TOut, TRequest, TResponse> call;
        try
        {
            call = start(state, options.CallOptions(metadata, cancellationToken));
        }
        catch (Exception e) when (SerowTelemetry.EndClientCall(activity, e))
        {
            throw;
        }

        call.Observe(activity);
        call.AbortWhen(cancellationToken);
        if (method.EncodePayload is not null)
        {
            await call.SendPayloadAsync(payload).ConfigureAwait(false);
        }

        return wrap(call);
    }

    /// <summary>
    /// The call's metadata with the credentials of a secured method added (as lower-case metadata keys:
    /// <c>authorization</c>, <c>x-api-key</c>); the metadata as it is when the method or the client has none.
    /// </summary>
    private static async ValueTask<Metadata?> WithCredentialsAsync(GrpcMethodBase method, SerowGrpcClientOptions options, Metadata? metadata, CancellationToken cancellationToken)
    {
        if (await Security.CallCredentials.CollectAsync(options.Credentials, method.Security, "grpc", cancellationToken).ConfigureAwait(false) is not { Count: > 0 } headers)
        {
            return metadata;
        }

        var merged = new Metadata();
        foreach (var entry in metadata ?? [])
        {
            merged.Add(entry);
        }

        foreach (var (name, value) in headers)
        {
            merged.Add(name.ToLowerInvariant(), value);
        }

        return merged;
    }

    private static T Validate<T>(T value, Action<T, ValidationReport>? validate)
    {
        if (validate is null)
        {
            return value;
        }

        if (value is null)
        {
            var report = new ValidationReport();
            report.Required(string.Empty, null);
            report.ThrowIfInvalid();
        }

        ValidationReport.Check(value, validate);
        return value;
    }
}
