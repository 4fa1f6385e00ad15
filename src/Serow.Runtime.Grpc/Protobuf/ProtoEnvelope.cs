// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Grpc.Protobuf;

/// <summary>
/// A message of a request stream whose method has a one-shot payload: <c>oneof kind { payload = 1; message = 2; }</c>.
/// The first message of the stream carries the payload, the next ones the streamed messages.
/// </summary>
/// <typeparam name="TPayload">The wire type of the payload.</typeparam>
/// <typeparam name="TMessage">The wire type of a streamed message.</typeparam>
public sealed class ProtoEnvelope<TPayload, TMessage>
{
    private ProtoEnvelope(ProtoEnvelopeKind kind, TPayload? payload, TMessage? message)
    {
        Kind = kind;
        Payload = payload;
        Message = message;
    }

    /// <summary>Which field the envelope carries.</summary>
    public ProtoEnvelopeKind Kind { get; }

    /// <summary>The payload, when <see cref="Kind"/> is <see cref="ProtoEnvelopeKind.Payload"/>.</summary>
    public TPayload? Payload { get; }

    /// <summary>The streamed message, when <see cref="Kind"/> is <see cref="ProtoEnvelopeKind.Message"/>.</summary>
    public TMessage? Message { get; }

    /// <summary>An envelope carrying the payload.</summary>
    /// <param name="payload">The payload.</param>
    /// <returns>The envelope.</returns>
    public static ProtoEnvelope<TPayload, TMessage> OfPayload(TPayload payload) => new(ProtoEnvelopeKind.Payload, payload, default);

    /// <summary>An envelope carrying a streamed message.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The envelope.</returns>
    public static ProtoEnvelope<TPayload, TMessage> OfMessage(TMessage message) => new(ProtoEnvelopeKind.Message, default, message);

    /// <summary>An envelope carrying neither (its <c>oneof</c> is not set).</summary>
    public static ProtoEnvelope<TPayload, TMessage> Empty { get; } = new(ProtoEnvelopeKind.None, default, default);

    /// <summary>The payload, or the error of a stream whose first message is not the payload.</summary>
    /// <returns>The payload.</returns>
    public TPayload PayloadOrThrow() => Kind == ProtoEnvelopeKind.Payload ? Payload! : throw GrpcServerInvoker.NotPayload();

    /// <summary>The streamed message, or the error of a later message that is not a streamed one.</summary>
    /// <returns>The message.</returns>
    public TMessage MessageOrThrow() => Kind == ProtoEnvelopeKind.Message ? Message! : throw GrpcServerInvoker.NotMessage();
}
