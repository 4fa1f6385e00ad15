// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Http.WebSockets;
using Serow.Streaming;

namespace Serow.Http.Tests.Runtime;

/// <summary>The client side of the test notes stream, wired by hand the way generated clients are.</summary>
internal static class NoteClient
{
    public static readonly WebSocketContract<Note, Note> Contract = new()
    {
        Stream = new StreamContract<Note, Note> { Service = "test", Method = "notes" },
        In = SerowJson.TypeInfo<Note>(TestJsonContext.Default),
        Out = SerowJson.TypeInfo<Note>(TestJsonContext.Default),
    };

    /// <summary>Opens a stream of notes at <paramref name="path"/>.</summary>
    public static Task<ClientStream<Note, Note>> ConnectAsync(HttpClient http, string path, SerowHttpClientOptions options) =>
        WebSocketClientInvoker.ConnectAsync(http, new HttpRequestBuilder("GET", path), Contract, ErrorsOf, options, static call => new ClientStream<Note, Note>(call), Timeouts.Token());

    private static ServiceError ErrorsOf(string name, string message, bool temporary, bool timeout, bool fault) =>
        new(name, message, temporary, timeout, fault);
}
