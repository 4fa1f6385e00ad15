// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Interception;

/// <summary>Runs a method's interceptors around its call; used by the generated intercepted services and clients.</summary>
public static class Interception
{
    /// <summary>Runs the interceptors around a unary call; they see the result once <c>next</c> returns.</summary>
    /// <typeparam name="TResult">The method's result type.</typeparam>
    /// <param name="set">The method's interceptors for this call.</param>
    /// <param name="payload">The payload, or null when the method has none.</param>
    /// <param name="invoke">The call itself.</param>
    /// <param name="cancellationToken">The call's token.</param>
    /// <returns>The result.</returns>
    public static async Task<TResult> UnaryAsync<TResult>(InterceptorSet set, object? payload, Func<CancellationToken, Task<TResult>> invoke, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(invoke);
        var call = set.NewCall(InterceptedOperation.Call, payload);
        TResult result = default!;
        var pipeline = set.Pipeline(call, async token =>
        {
            result = await invoke(token).ConfigureAwait(false);
            call.Result = result;
        });
        if (pipeline is null)
        {
            return await invoke(cancellationToken).ConfigureAwait(false);
        }

        await pipeline.RunAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Runs the interceptors around a client's stream opening, which returns the open stream.</summary>
    /// <typeparam name="TStream">The stream interface.</typeparam>
    /// <param name="set">The method's interceptors for this call.</param>
    /// <param name="payload">The payload, or null when the method has none.</param>
    /// <param name="open">Opens the stream.</param>
    /// <param name="cancellationToken">The call's token.</param>
    /// <returns>The open stream.</returns>
    public static async Task<TStream> OpenAsync<TStream>(InterceptorSet set, object? payload, Func<CancellationToken, Task<TStream>> open, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(open);
        var call = set.NewCall(InterceptedOperation.Call, payload);
        TStream stream = default!;
        var pipeline = set.Pipeline(call, async token => stream = await open(token).ConfigureAwait(false));
        if (pipeline is null)
        {
            return await open(cancellationToken).ConfigureAwait(false);
        }

        await pipeline.RunAsync(cancellationToken).ConfigureAwait(false);
        return stream;
    }

    /// <summary>Runs the interceptors around a streaming handler's whole run on the server.</summary>
    /// <param name="set">The method's interceptors for this call.</param>
    /// <param name="payload">The payload, or null when the method has none.</param>
    /// <param name="handle">Runs the handler.</param>
    /// <param name="cancellationToken">The call's token.</param>
    /// <returns>The handler's run.</returns>
    public static async Task HandleAsync(InterceptorSet set, object? payload, Func<CancellationToken, Task> handle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(handle);
        var call = set.NewCall(InterceptedOperation.Call, payload);
        var pipeline = set.Pipeline(call, token => new ValueTask(handle(token)));
        if (pipeline is null)
        {
            await handle(cancellationToken).ConfigureAwait(false);
            return;
        }

        await pipeline.RunAsync(cancellationToken).ConfigureAwait(false);
    }
}
