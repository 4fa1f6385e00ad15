// Licensed under the MIT license. See LICENSE in the project root.

using System.Text.Json.Serialization.Metadata;
using Serow.Streaming;

using Serow.Streaming.Internal;

namespace Serow.Http.WebSockets;

/// <summary>What generated code tells the WebSocket transport about one streaming method.</summary>
/// <typeparam name="TIn">The type of the messages the client sends (<see cref="Streaming.NoMessage"/> when none).</typeparam>
/// <typeparam name="TOut">The type of the results the server sends (<see cref="Streaming.NoMessage"/> when none).</typeparam>
public sealed class WebSocketContract<TIn, TOut>
{
    private JsonTypeInfo<TIn>? _inWriter;
    private JsonTypeInfo<TOut>? _outWriter;

    /// <summary>Validation, projection and views, shared with the in-process transport.</summary>
    public required StreamContract<TIn, TOut> Stream { get; init; }

    /// <summary>The JSON metadata of the client's messages; null when the client sends none.</summary>
    public JsonTypeInfo<TIn>? In { get; init; }

    /// <summary>The JSON metadata of the server's results; null when the server sends none.</summary>
    public JsonTypeInfo<TOut>? Out { get; init; }

    /// <summary>Whether the method is a client stream with a final result (<c>SendAndCloseAsync</c> / <c>CloseAndRecvAsync</c>).</summary>
    public bool HasFinalResult => Stream.HasFinalResult;

    /// <summary>The metadata the client writes its messages with (see <see cref="SerowJson.ForWriting{T}"/>).</summary>
    internal JsonTypeInfo<TIn>? InWriter => In is null ? null : _inWriter ??= SerowJson.ForWriting(In);

    /// <summary>The metadata the server writes its results with (see <see cref="SerowJson.ForWriting{T}"/>).</summary>
    internal JsonTypeInfo<TOut>? OutWriter => Out is null ? null : _outWriter ??= SerowJson.ForWriting(Out);

    internal string DisplayName => Stream.Service.Length == 0 ? "the method" : Stream.DisplayName;
}
