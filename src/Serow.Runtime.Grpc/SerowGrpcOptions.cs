// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Grpc;

/// <summary>Server settings of a Serow service served over gRPC, configured with the generated <c>Add&lt;Service&gt;Grpc</c>.</summary>
public sealed class SerowGrpcOptions
{
    /// <summary>
    /// Whether the status message of an unexpected failure (an exception that is not a <see cref="ServiceError"/>) carries
    /// the exception's text. Off by default: callers see a generic message. Turn it on in development only.
    /// </summary>
    public bool IncludeExceptionDetails { get; set; }

    /// <summary>The largest message the server accepts, in bytes; grpc-dotnet's default (4 MB) when null. Larger messages fail with RESOURCE_EXHAUSTED.</summary>
    public int? MaxReceiveMessageSize { get; set; }

    /// <summary>The largest message the server sends, in bytes; unlimited when null.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>The compression of responses (<c>gzip</c>), or null for none; the client must accept it (<c>grpc-accept-encoding</c>).</summary>
    public string? ResponseCompressionAlgorithm { get; set; }

    /// <summary>
    /// How long a connection may stay idle before Kestrel sends an HTTP/2 keepalive ping; off when null. Applies to the
    /// whole Kestrel server, since keepalive is a connection setting.
    /// </summary>
    public TimeSpan? KeepAlivePingDelay { get; set; }

    /// <summary>
    /// Whether the results of server and bidirectional streams are written without a flush each
    /// (<c>WriteFlags.BufferHint</c>) and flushed together as soon as the method awaits something that does not complete
    /// at once, or after 64 KB. On by default: the messages and their order are the same, a message is never held
    /// longer than the method's next wait, and HTTP/2 flow control still bounds memory (a send waits for a flush the
    /// client holds back). Turn it off to flush every message on its own, as grpc-dotnet does.
    /// </summary>
    public bool BufferWrites { get; set; } = true;

    /// <summary>How long Kestrel waits for a ping's answer before closing the connection; Kestrel's default (20 s) when null.</summary>
    public TimeSpan? KeepAlivePingTimeout { get; set; }
}
