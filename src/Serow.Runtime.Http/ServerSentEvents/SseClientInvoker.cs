// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Http.ServerSentEvents.Internal;
using Serow.Streaming;

namespace Serow.Http.ServerSentEvents;

/// <summary>Opens the Server-Sent Events streams of generated HTTP clients.</summary>
public static class SseClientInvoker
{
    /// <summary>
    /// Opens the stream: sends <paramref name="request"/> asking for <c>text/event-stream</c>. An error response (the
    /// payload was invalid, the handler failed before its first event) throws the typed error the server sent.
    /// </summary>
    /// <typeparam name="TOut">The type of the results.</typeparam>
    /// <typeparam name="TStream">The method's client stream.</typeparam>
    /// <param name="client">The HTTP client whose base address is the server.</param>
    /// <param name="request">The request (payload in path, query, headers and body; <c>Last-Event-ID</c> to resume).</param>
    /// <param name="contract">The method's event contract.</param>
    /// <param name="errors">Rebuilds designed errors (the generated <c>&lt;Service&gt;Errors.Create</c>).</param>
    /// <param name="options">The client's options (the idle timeout); null for the defaults.</param>
    /// <param name="wrap">Wraps the call in the method's client stream.</param>
    /// <param name="cancellationToken">Aborts the call when cancelled, for its whole life.</param>
    /// <returns>The method's client stream.</returns>
    /// <exception cref="ServiceError">The server refused the stream: its typed error.</exception>
    public static async Task<TStream> ConnectAsync<TOut, TStream>(
        HttpClient client,
        HttpRequestBuilder request,
        SseContract<TOut> contract,
        ServiceErrorFactory? errors,
        SerowHttpClientOptions? options,
        Func<ClientCall<NoMessage, TOut>, TStream> wrap,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(wrap);
        request.Header("Accept", SseProtocol.MediaType);
        var activity = SerowTelemetry.StartClientCall(contract.Stream.Service, contract.Stream.Method, "sse");
        HttpResponseMessage response;
        try
        {
            response = await HttpClientInvoker.SendCoreAsync(client, request, errors, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (SerowTelemetry.EndClientCall(activity, e))
        {
            throw;
        }

        try
        {
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (!string.Equals(mediaType, SseProtocol.MediaType, StringComparison.OrdinalIgnoreCase))
            {
                throw new ServiceError(StreamErrors.ProtocolErrorName, $"{contract.DisplayName} answered with \"{mediaType}\" instead of an event stream ({SseProtocol.MediaType}).", fault: true);
            }

            var view = response.Headers.TryGetValues(SseProtocol.ViewHeader, out var views) && views.FirstOrDefault() is { Length: > 0 } v
                ? v
                : contract.Stream.DefaultView;
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var idle = (options ?? SerowHttpClientOptions.Default).ServerSentEventsIdleTimeout;
            if (idle > TimeSpan.Zero && idle != Timeout.InfiniteTimeSpan)
            {
                body = new IdleWatchStream(body, idle);
            }

            var call = new SseClientCall<TOut>(response, body, contract, errors, view);
            call.Observe(activity);
            call.AbortWhen(cancellationToken);
            return wrap(call);
        }
        catch (Exception e)
        {
            SerowTelemetry.EndClientCall(activity, e);
            response.Dispose();
            throw;
        }
    }
}
