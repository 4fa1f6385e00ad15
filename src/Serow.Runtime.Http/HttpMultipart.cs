// Licensed under the MIT license. See LICENSE in the project root.

using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Serow.Validation;

namespace Serow.Http;

/// <summary>Multipart request bodies (<c>MultipartRequest</c>): read part by part on the server, written part by part by the client.</summary>
public static class HttpMultipart
{
    /// <summary>
    /// The parts of the request body, read as the method enumerates them (never buffered whole). A request that is
    /// not <c>multipart/*</c> with a boundary is reported in the call's validation report; a malformed body fails
    /// the enumeration with a <see cref="ValidationException"/>. The size limit is <see cref="SerowHttpOptions.MaxRawRequestBodySize"/>.
    /// </summary>
    /// <param name="call">The request.</param>
    /// <returns>The parts.</returns>
    public static IAsyncEnumerable<MultipartPart> Parts(HttpServerCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var request = call.Context.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary) is not { Length: > 0 } boundary)
        {
            call.Report.Add("body", "multipart", "the request body must be multipart (Content-Type: multipart/form-data; boundary=…)");
            return MultipartPart.Of();
        }

        if (call.Context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = call.Options.MaxRawRequestBodySize;
        }

        return ReadAsync(new MultipartReader(boundary.ToString(), request.Body), call.Context.RequestAborted);
    }

    private static async IAsyncEnumerable<MultipartPart> ReadAsync(MultipartReader reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await NextAsync(reader, cancellationToken).ConfigureAwait(false) is { } section)
        {
            ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition);
            var name = HeaderUtilities.RemoveQuotes(disposition?.Name ?? default).ToString();
            var fileName = disposition is null ? null
                : disposition.FileNameStar.HasValue ? disposition.FileNameStar.ToString()
                : disposition.FileName.HasValue ? HeaderUtilities.RemoveQuotes(disposition.FileName).ToString()
                : null;
            yield return new MultipartPart(name, new PartStream(section.Body, cancellationToken), fileName, section.ContentType);
        }
    }

    // A malformed body is the client's error, reported like any invalid message.
    private static async Task<MultipartSection?> NextAsync(MultipartReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw Malformed(e);
        }
    }

    private static ValidationException Malformed(Exception e) =>
        new([new ValidationError("body", "multipart", "the multipart request body is malformed: " + e.Message)]);

    // A part's content: a body that ends inside the part is the client's error, reported like any invalid message.
    private sealed class PartStream(Stream inner, CancellationToken aborted) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            try
            {
                return inner.Read(buffer, offset, count);
            }
            catch (Exception e) when (e is InvalidDataException or IOException && !aborted.IsCancellationRequested)
            {
                throw Malformed(e);
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidDataException or IOException && !aborted.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw Malformed(e);
            }
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>The request content that writes <paramref name="parts"/> as <c>multipart/form-data</c>, each as it is read.</summary>
    internal static HttpContent Content(IAsyncEnumerable<MultipartPart> parts) => new PartsContent(parts);

    private sealed class PartsContent : HttpContent
    {
        private readonly IAsyncEnumerable<MultipartPart> _parts;
        private readonly string _boundary = "serow-" + Guid.NewGuid().ToString("N");

        public PartsContent(IAsyncEnumerable<MultipartPart> parts)
        {
            _parts = parts;
            var type = new System.Net.Http.Headers.MediaTypeHeaderValue("multipart/form-data");
            type.Parameters.Add(new System.Net.Http.Headers.NameValueHeaderValue("boundary", _boundary));
            Headers.ContentType = type;
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await foreach (var part in _parts.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                var disposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("form-data") { Name = Quote(part.Name) };
                if (part.FileName is { } fileName)
                {
                    disposition.FileName = Quote(fileName);
                }

                var head = new StringBuilder()
                    .Append("--").Append(_boundary).Append("\r\n")
                    .Append("Content-Disposition: ").Append(disposition).Append("\r\n");
                if (part.ContentType is { } contentType)
                {
                    head.Append("Content-Type: ").Append(contentType).Append("\r\n");
                }

                head.Append("\r\n");
                await stream.WriteAsync(Encoding.UTF8.GetBytes(head.ToString()), cancellationToken).ConfigureAwait(false);
                await part.Content.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
                await stream.WriteAsync("\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
            }

            await stream.WriteAsync(Encoding.ASCII.GetBytes("--" + _boundary + "--\r\n"), cancellationToken).ConfigureAwait(false);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }
}
