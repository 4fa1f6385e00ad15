// Licensed under the MIT license. See LICENSE in the project root.

using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Serow.Http.RawBodies;

/// <summary>
/// Raw request and response bodies (<c>SkipRequestBodyEncodeDecode</c>, <c>SkipResponseBodyEncodeDecode</c>): streamed
/// between the caller and the implementation with a bounded buffer, never held whole in memory.
/// </summary>
public static class HttpRawBody
{
    /// <summary>The media type of a raw body when the design names none.</summary>
    public const string DefaultContentType = "application/octet-stream";

    private const int BufferSize = 64 * 1024;

    /// <summary>
    /// The request body as a stream for the implementation, with the size limit of
    /// <see cref="SerowHttpOptions.MaxRawRequestBodySize"/> (none by default) instead of the server's buffered-body limit.
    /// </summary>
    /// <param name="call">The request.</param>
    public static Stream RequestBody(HttpServerCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = call.Options.MaxRawRequestBodySize;
        }

        return call.Context.Request.Body;
    }

    /// <summary>
    /// Writes the implementation's stream as the response body and disposes it. The status and headers go out only
    /// after the first read succeeded, so a stream that fails at once still gives a typed error response; a failure
    /// later aborts the connection (the client sees a truncated body, never a silently short one).
    /// </summary>
    /// <param name="call">The request.</param>
    /// <param name="status">The success status.</param>
    /// <param name="contentType">The designed media type of the body.</param>
    /// <param name="body">The stream the implementation returned.</param>
    public static async Task WriteResponseAsync(HttpServerCall call, int status, string contentType, Stream body)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(body);
        var context = call.Context;
        var token = context.RequestAborted;
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            await using (body.ConfigureAwait(false))
            {
                var read = await body.ReadAsync(buffer.AsMemory(0, BufferSize), token).ConfigureAwait(false);
                var response = context.Response;
                response.StatusCode = status;
                response.ContentType = contentType;
                call.EndTelemetry("ok");
                if (body.CanSeek)
                {
                    response.ContentLength = body.Length - body.Position + read;
                }

                while (read > 0)
                {
                    await response.Body.WriteAsync(buffer.AsMemory(0, read), token).ConfigureAwait(false);
                    read = await body.ReadAsync(buffer.AsMemory(0, BufferSize), token).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Sends a request and returns its response body as a stream that is read as it arrives; disposing it releases the
    /// connection. An error response throws its typed error (it is never handed over as body bytes).
    /// </summary>
    /// <param name="client">The HTTP client; its <see cref="HttpClient.BaseAddress"/> is the server.</param>
    /// <param name="request">The request.</param>
    /// <param name="errors">Rebuilds designed errors (the generated <c>&lt;Service&gt;Errors.Create</c>).</param>
    /// <param name="cancellationToken">Cancels the call until the response headers arrive; reads of the body take their own token.</param>
    /// <exception cref="ServiceError">The server answered with an error: its typed exception.</exception>
    public static async Task<Stream> ReceiveAsync(HttpClient client, HttpRequestBuilder request, ServiceErrorFactory? errors, CancellationToken cancellationToken)
    {
        var response = await HttpClientInvoker.SendCoreAsync(client, request, errors, cancellationToken).ConfigureAwait(false);
        try
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new ResponseBodyStream(response, body);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
