// Licensed under the MIT license. See LICENSE in the project root.

using Serow.InProcess.Internal;
using Serow.Security;
using Serow.Streaming;
using Serow.Validation;

namespace Serow.InProcess;

/// <summary>
/// Calls a service implementation directly, without a network, with the same semantics as every Serow transport:
/// validation of what each side receives, typed errors, cancellation and, for streams, bounded buffers.
/// Generated in-process clients call these methods.
/// </summary>
public static class InProcessInvoker
{
    private const string Transport = "inprocess";
    private static readonly IReadOnlyDictionary<string, string> NoCredentials = new Dictionary<string, string>();

    /// <summary>
    /// Starts a streaming call: runs <paramref name="handler"/> on the thread pool and returns the caller's side at once.
    /// Generated code wraps it in the method's client stream; the handler wraps its <see cref="ServerCall{TIn, TOut}"/>
    /// in the method's server stream. The rules are those of every transport (<see cref="ServerCall{TIn, TOut}"/>,
    /// <see cref="ClientCall{TIn, TOut}"/>); each direction buffers at most <see cref="InProcessOptions.StreamCapacity"/> messages.
    /// </summary>
    /// <typeparam name="TIn">The type of the messages the client sends (<see cref="NoMessage"/> when none).</typeparam>
    /// <typeparam name="TOut">The type of the results the server sends (<see cref="NoMessage"/> when none).</typeparam>
    /// <param name="contract">Validation, projection and views of the method.</param>
    /// <param name="options">Buffer sizes; <see cref="InProcessOptions.Default"/> when null.</param>
    /// <param name="handler">Runs the service method; receives the server side of the call and the handler's token.</param>
    /// <param name="cancellationToken">Aborts the call when cancelled.</param>
    /// <returns>The caller's side of the call.</returns>
    public static ClientCall<TIn, TOut> Start<TIn, TOut>(
        StreamContract<TIn, TOut> contract,
        InProcessOptions? options,
        Func<ServerCall<TIn, TOut>, CancellationToken, Task> handler,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(handler);
        var capacity = (options ?? InProcessOptions.Default).StreamCapacity;
        var server = new InProcessServerCall<TIn, TOut>(contract, capacity);
        var client = new InProcessClientCall<TIn, TOut>(contract, capacity, server);
        server.Client = client;

        // The handler's run starts under the client's activity, so the server's activity is its child.
        var activity = SerowTelemetry.StartClientCall(contract.Service, contract.Method, Transport);
        client.Observe(activity);
        client.AbortWhen(cancellationToken);
        client.Handler = Task.Run(() => RunAsync(server, client, options, handler, cancellationToken), CancellationToken.None);
        SerowTelemetry.RestoreCaller(activity);
        return client;
    }

    private static async Task RunAsync<TIn, TOut>(
        InProcessServerCall<TIn, TOut> server, InProcessClientCall<TIn, TOut> client, InProcessOptions? options, Func<ServerCall<TIn, TOut>, CancellationToken, Task> handler, CancellationToken cancellationToken)
    {
        if (server.Contract.Security is { } security)
        {
            try
            {
                // Entered here, the context flows into the handler run below.
                await AuthorizeCoreAsync(SerowCallContext.Enter(security, Transport), options, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                client.Finish(e as ServiceError ?? ServiceError.Internal(e));
                server.Inbound!.Complete();
                return;
            }
        }

        var outcome = await server.RunAsync(handler).ConfigureAwait(false);

        // The caller learns the outcome first, so that a send refused by the closed queue below reports it.
        client.Finish(outcome.Error);
        server.Inbound!.Complete();
    }

    /// <summary>Calls a unary method with a payload and a result.</summary>
    /// <typeparam name="TPayload">The payload type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="service">The service's designed name, for telemetry.</param>
    /// <param name="method">The method's designed name, for telemetry.</param>
    /// <param name="payload">The payload.</param>
    /// <param name="validatePayload">Validates the payload before the handler runs; null when it has no rules.</param>
    /// <param name="handler">Runs the service method.</param>
    /// <param name="validateResult">Validates the result the caller receives; null when it has no rules.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The handler's result.</returns>
    /// <exception cref="ValidationException">The payload or the result broke their rules.</exception>
    /// <exception cref="ServiceError">The handler failed: its own error, or <see cref="ServiceError.Internal"/> for an unexpected exception.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<TResult> UnaryAsync<TPayload, TResult>(
        string service,
        string method,
        TPayload payload,
        Action<TPayload, ValidationReport>? validatePayload,
        Func<TPayload, CancellationToken, Task<TResult>> handler,
        Action<TResult, ValidationReport>? validateResult,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        cancellationToken.ThrowIfCancellationRequested();
        Validate(payload, validatePayload);
        var result = await InvokeAsync(service, method, () => handler(payload, cancellationToken), cancellationToken).ConfigureAwait(false);
        Validate(result, validateResult);
        return result;
    }

    /// <summary>Calls a unary method with a payload and no result.</summary>
    /// <typeparam name="TPayload">The payload type.</typeparam>
    /// <param name="service">The service's designed name, for telemetry.</param>
    /// <param name="method">The method's designed name, for telemetry.</param>
    /// <param name="payload">The payload.</param>
    /// <param name="validatePayload">Validates the payload before the handler runs; null when it has no rules.</param>
    /// <param name="handler">Runs the service method.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ValidationException">The payload broke its rules.</exception>
    /// <exception cref="ServiceError">The handler failed: its own error, or <see cref="ServiceError.Internal"/> for an unexpected exception.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task UnaryAsync<TPayload>(
        string service,
        string method,
        TPayload payload,
        Action<TPayload, ValidationReport>? validatePayload,
        Func<TPayload, CancellationToken, Task> handler,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        cancellationToken.ThrowIfCancellationRequested();
        Validate(payload, validatePayload);
        await InvokeAsync(
            service,
            method,
            async () =>
            {
                await handler(payload, cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Calls a unary method without a payload that returns a result.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="service">The service's designed name, for telemetry.</param>
    /// <param name="method">The method's designed name, for telemetry.</param>
    /// <param name="handler">Runs the service method.</param>
    /// <param name="validateResult">Validates the result the caller receives; null when it has no rules.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The handler's result.</returns>
    /// <exception cref="ValidationException">The result broke its rules.</exception>
    /// <exception cref="ServiceError">The handler failed: its own error, or <see cref="ServiceError.Internal"/> for an unexpected exception.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<TResult> UnaryAsync<TResult>(
        string service,
        string method,
        Func<CancellationToken, Task<TResult>> handler,
        Action<TResult, ValidationReport>? validateResult,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        cancellationToken.ThrowIfCancellationRequested();
        var result = await InvokeAsync(service, method, () => handler(cancellationToken), cancellationToken).ConfigureAwait(false);
        Validate(result, validateResult);
        return result;
    }

    /// <summary>Calls a unary method without payload or result.</summary>
    /// <param name="service">The service's designed name, for telemetry.</param>
    /// <param name="method">The method's designed name, for telemetry.</param>
    /// <param name="handler">Runs the service method.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ServiceError">The handler failed: its own error, or <see cref="ServiceError.Internal"/> for an unexpected exception.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task UnaryAsync(string service, string method, Func<CancellationToken, Task> handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        cancellationToken.ThrowIfCancellationRequested();
        await InvokeAsync(
            service,
            method,
            async () =>
            {
                await handler(cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Authorizes a call to a secured unary method with the options' <see cref="InProcessOptions.Authorizer"/> and
    /// <see cref="InProcessOptions.Credentials"/>, and makes its <see cref="SerowCallContext"/> current for the calling
    /// async method (the generated client's), so that the handler it then calls sees the caller.
    /// </summary>
    /// <param name="security">What the method requires.</param>
    /// <param name="options">The client's options.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <exception cref="UnauthenticatedError">The credentials were missing or refused, or no authorizer is set.</exception>
    /// <exception cref="PermissionDeniedError">The credentials lack a required scope.</exception>
    public static ValueTask AuthorizeAsync(MethodSecurity security, InProcessOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(security);

        // Not async: the context must be current in the caller's frame, which an async method would restore on return.
        return AuthorizeCoreAsync(SerowCallContext.Enter(security, Transport), options, cancellationToken);
    }

    private static async ValueTask AuthorizeCoreAsync(SerowCallContext context, InProcessOptions? options, CancellationToken cancellationToken)
    {
        if (options?.Authorizer is not { } authorizer)
        {
            throw new UnauthenticatedError($"{context.Security.DisplayName} requires credentials and the in-process client has no authorizer (InProcessOptions.Authorizer).");
        }

        var credentials = await CallCredentials.CollectAsync(options.Credentials, context.Security, Transport, cancellationToken).ConfigureAwait(false);
        context.Authorized(await authorizer.AuthorizeAsync(context.Security, credentials ?? NoCredentials, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<T> InvokeAsync<T>(string service, string method, Func<Task<T>> invoke, CancellationToken cancellationToken)
    {
        var client = SerowTelemetry.StartClientCall(service, method, Transport);
        try
        {
            var result = await ServeAsync(service, method, invoke, cancellationToken).ConfigureAwait(false);
            SerowTelemetry.EndClientCall(client, null);
            return result;
        }
        catch (Exception e) when (SerowTelemetry.EndClientCall(client, e))
        {
            throw;
        }
    }

    private static async Task<T> ServeAsync<T>(string service, string method, Func<Task<T>> invoke, CancellationToken cancellationToken)
    {
        // The client's (or else the caller's) activity is current here: the server activity joins its trace with no propagation.
        var telemetry = SerowTelemetry.ObservesUnaryCalls ? SerowTelemetry.StartUnaryCall(service, method, "inprocess", default) : null;
        try
        {
            var result = await invoke().ConfigureAwait(false);
            telemetry?.End("ok", null);
            return result;
        }
        catch (ServiceError e)
        {
            telemetry?.End(e.Name, e.Message);
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            telemetry?.End("cancelled", null);
            throw;
        }
        catch (Exception e)
        {
            var error = ServiceError.Internal(e);
            telemetry?.End(error.Name, error.Message);
            throw error;
        }
    }

    private static void Validate<T>(T value, Action<T, ValidationReport>? validate)
    {
        if (validate is null)
        {
            return;
        }

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
}
