// Licensed under the MIT license. See LICENSE in the project root.

using System.Text;

namespace Serow;

/// <summary>
/// One part of a multipart request body (<c>MultipartRequest</c>): its form name, file name, content type and content,
/// read as it arrives. On the server a part's content must be read before moving to the next part.
/// </summary>
public sealed class MultipartPart
{
    /// <summary>Creates a part.</summary>
    /// <param name="name">The form field's name.</param>
    /// <param name="content">The content; the transport reads it once.</param>
    /// <param name="fileName">The file name, for a file part.</param>
    /// <param name="contentType">The media type of the content.</param>
    public MultipartPart(string name, Stream content, string? fileName = null, string? contentType = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(content);
        Name = name;
        Content = content;
        FileName = fileName;
        ContentType = contentType;
    }

    /// <summary>The form field's name.</summary>
    public string Name { get; }

    /// <summary>The file name, for a file part; null otherwise.</summary>
    public string? FileName { get; }

    /// <summary>The media type of the content, when given.</summary>
    public string? ContentType { get; }

    /// <summary>The content, read as it arrives.</summary>
    public Stream Content { get; }

    /// <summary>A text field.</summary>
    /// <param name="name">The field's name.</param>
    /// <param name="text">Its value, sent as UTF-8.</param>
    /// <returns>The part.</returns>
    public static MultipartPart FromText(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new(name, new MemoryStream(Encoding.UTF8.GetBytes(text), writable: false), null, "text/plain; charset=utf-8");
    }

    /// <summary>A part whose content is read from a stream as it is sent.</summary>
    /// <param name="name">The field's name.</param>
    /// <param name="content">The content.</param>
    /// <param name="fileName">The file name, when the part is a file.</param>
    /// <param name="contentType">The media type; <c>application/octet-stream</c> when null.</param>
    /// <returns>The part.</returns>
    public static MultipartPart FromStream(string name, Stream content, string? fileName = null, string? contentType = null) =>
        new(name, content, fileName, contentType ?? "application/octet-stream");

    /// <summary>The parts to send, in order, as the asynchronous sequence a multipart method takes.</summary>
    /// <param name="parts">The parts.</param>
    /// <returns>The sequence.</returns>
    public static async IAsyncEnumerable<MultipartPart> Of(params MultipartPart[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        foreach (var part in parts)
        {
            yield return part;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <summary>Reads the whole content as UTF-8 text (for small text fields).</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The text.</returns>
    public async Task<string> ReadAsStringAsync(CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(Content, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }
}
