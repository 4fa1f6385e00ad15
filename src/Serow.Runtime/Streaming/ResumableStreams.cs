// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Streaming.Internal;

namespace Serow.Streaming;

/// <summary>Opens the client side of resumable server streams for generated clients, reconnecting when asked to.</summary>
public static class ResumableStreams
{
    /// <summary>
    /// Opens the stream with <paramref name="connect"/>. With <paramref name="reconnect"/> options, the returned stream
    /// reconnects by itself after a failure <see cref="StreamReconnectOptions.ShouldReconnect"/> accepts (also when the
    /// first connect fails that way), asking for the results after the last one it delivered; without them it is the
    /// transport's stream as it is.
    /// </summary>
    /// <typeparam name="TPayload">The method's payload.</typeparam>
    /// <typeparam name="TOut">The streamed result.</typeparam>
    /// <typeparam name="TStream">The method's client stream.</typeparam>
    /// <param name="contract">The method's stream contract.</param>
    /// <param name="resume">The method's resumable contract.</param>
    /// <param name="payload">The caller's payload.</param>
    /// <param name="reconnect">The reconnect options, or null not to reconnect.</param>
    /// <param name="connect">Opens one connection of the stream for a payload.</param>
    /// <param name="wrap">Wraps the call in the method's client stream.</param>
    /// <param name="cancellationToken">Aborts the call when cancelled, for its whole life.</param>
    /// <returns>The method's client stream.</returns>
    public static async Task<TStream> ConnectAsync<TPayload, TOut, TStream>(
        StreamContract<NoMessage, TOut> contract,
        ResumableContract<TPayload, TOut> resume,
        TPayload payload,
        StreamReconnectOptions? reconnect,
        Func<TPayload, CancellationToken, Task<ClientCall<NoMessage, TOut>>> connect,
        Func<ClientCall<NoMessage, TOut>, TStream> wrap,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(resume);
        ArgumentNullException.ThrowIfNull(connect);
        ArgumentNullException.ThrowIfNull(wrap);
        if (reconnect is null)
        {
            return wrap(await connect(payload, cancellationToken).ConfigureAwait(false));
        }

        var call = new ResumingClientCall<TPayload, TOut>(contract, resume, payload, reconnect, connect);
        call.AbortWhen(cancellationToken);
        try
        {
            await call.ConnectFirstAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await call.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return wrap(call);
    }
}
