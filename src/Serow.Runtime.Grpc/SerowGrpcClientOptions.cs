// Licensed under the MIT license. See LICENSE in the project root.

using Grpc.Core;

namespace Serow.Grpc;

/// <summary>Client settings of a generated gRPC client.</summary>
public sealed class SerowGrpcClientOptions
{
    private static readonly WriteOptions BufferHint = new(WriteFlags.BufferHint);

    /// <summary>The options used when none are given: no deadline, no compression, every write flushed.</summary>
    public static SerowGrpcClientOptions Default { get; } = new();

    /// <summary>
    /// A deadline applied to every call, measured from its start; none when null. A deadline covers a stream's whole
    /// lifetime, so leave it unset for long-lived streams. An expired deadline fails the call with a
    /// <see cref="ServiceError"/> whose <see cref="ServiceError.Timeout"/> is set.
    /// </summary>
    public TimeSpan? DefaultDeadline { get; set; }

    /// <summary>The compression of request messages (<c>gzip</c>), or null for none.</summary>
    public string? RequestCompressionAlgorithm { get; set; }

    /// <summary>
    /// Whether stream writes may be buffered (<see cref="WriteFlags.BufferHint"/>) instead of flushed one by one. On a
    /// channel from <see cref="SerowGrpcChannel.Create"/>, the messages of client and bidirectional streams then leave
    /// at once when nothing is being sent and otherwise together with the next send, several per HTTP/2 DATA frame
    /// (same bytes on the wire); <c>SendAsync</c> completes once the message is queued, waiting only when 64 KB are
    /// queued behind a send, and a failed send surfaces from the next operation.
    /// </summary>
    public bool BufferWrites { get; set; }

    /// <summary>The largest response message accepted, in bytes; grpc-dotnet's default (4 MB) when null. Used by <see cref="SerowGrpcChannel.Create"/>.</summary>
    public int? MaxReceiveMessageSize { get; set; }

    /// <summary>The largest request message sent, in bytes; unlimited when null. Used by <see cref="SerowGrpcChannel.Create"/>.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>How long the connection may stay idle before an HTTP/2 keepalive ping; off when null. Used by <see cref="SerowGrpcChannel.Create"/>.</summary>
    public TimeSpan? KeepAlivePingDelay { get; set; }

    /// <summary>How long to wait for a ping's answer before closing the connection (20 s when null). Used by <see cref="SerowGrpcChannel.Create"/>.</summary>
    public TimeSpan? KeepAlivePingTimeout { get; set; }

    /// <summary>
    /// The credentials of calls to secured methods, asked once per call and sent as metadata (<c>authorization</c>,
    /// <c>x-api-key</c>); none when null. Calls to methods without designed security never carry them.
    /// </summary>
    public Security.CallCredentials? Credentials { get; set; }

    /// <summary>Metadata sent with every call, in addition to the call's own.</summary>
    public Metadata? Headers { get; set; }

    /// <summary>
    /// How resumable server streams (<c>Resumable</c> in the design) reconnect after a transport failure or a stopping
    /// server, continuing after the last result delivered; null (the default) not to reconnect.
    /// </summary>
    public Streaming.StreamReconnectOptions? Reconnect { get; set; }

    /// <summary>The call options of one call.</summary>
    /// <param name="cancellationToken">The call's token.</param>
    /// <returns>Deadline, headers, write options and token for the call.</returns>
    public CallOptions CallOptions(CancellationToken cancellationToken) => CallOptions(null, cancellationToken);

    /// <summary>The call options of one call whose payload carries some attributes in request metadata.</summary>
    /// <param name="requestMetadata">The call's own metadata (payload attributes), sent after <see cref="Headers"/>; null for none.</param>
    /// <param name="cancellationToken">The call's token.</param>
    /// <returns>Deadline, headers, write options and token for the call.</returns>
    public CallOptions CallOptions(Metadata? requestMetadata, CancellationToken cancellationToken)
    {
        Metadata? headers = null;
        if (Headers is { Count: > 0 } || RequestCompressionAlgorithm is not null || requestMetadata is { Count: > 0 })
        {
            headers = [];
            foreach (var entry in Headers ?? [])
            {
                headers.Add(entry);
            }

            foreach (var entry in requestMetadata ?? [])
            {
                headers.Add(entry);
            }

            if (RequestCompressionAlgorithm is { } algorithm)
            {
                headers.Add(GrpcHeaders.RequestEncoding, algorithm);
            }
        }

        DateTime? deadline = DefaultDeadline is { } timeout ? DateTime.UtcNow + timeout : null;
        var writeOptions = BufferWrites ? BufferHint : null;
        return new CallOptions(headers, deadline, cancellationToken, writeOptions);
    }
}
