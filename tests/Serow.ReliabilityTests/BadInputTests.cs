// Licensed under the MIT license. See LICENSE in the project root.

using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using CsCheck;
using Grpc.Core;
using Serow.Grpc;

namespace Serow.ReliabilityTests;

/// <summary>
/// Property-based corpora of bad input (CsCheck): every malformed JSON frame and every undecodable protobuf message
/// gets a typed answer (a close code, a status with Serow's error trailers), never a reset or an untyped failure, and
/// the server keeps serving without logging an unexpected failure.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class BadInputTests
{
    private static readonly Gen<string> Frames = Gen.OneOf(
        Gen.String,
        Gen.String.Select(t => "{\"text\":" + JsonSerializer.Serialize(t) + "}"),
        Gen.String.Select(t => "{\"text\":\"" + t),
        Gen.Int.Select(n => "{\"text\":" + n.ToString(CultureInfo.InvariantCulture) + "}"),
        Gen.Double.Select(d => "{\"text\":\"x\",\"fail\":" + d.ToString("R", CultureInfo.InvariantCulture) + "}"),
        Gen.Int[0, 200].Select(n => new string('[', n) + new string(']', n)),
        Gen.Int[0, 200].Select(n => string.Concat(Enumerable.Repeat("{\"a\":", n)) + "1" + new string('}', n)),
        Gen.OneOf("{}", "[]", "null", "{\"text\":null}", "{\"text\":\"\"}", "{\"text\":\"x\",\"fail\":true}", "\"text\"", "1e999", "{\"text\":\"\\ud800\"}"));

    private static readonly WebSocketCloseStatus[] TypedCloses =
        [WebSocketCloseStatus.NormalClosure, WebSocketCloseStatus.InvalidPayloadData, (WebSocketCloseStatus)4400, (WebSocketCloseStatus)4503];

    [Fact]
    public async Task MalformedJsonFrames_EachGetsATypedClose_AndTheServerKeepsServing()
    {
        await using var server = await HostProcess.StartServerAsync();
        var address = new Uri($"ws://{server.Http.Authority}/conformance/chat");

        await Frames.SampleAsync(async frame =>
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            using var socket = new ClientWebSocket();
            await socket.ConnectAsync(address, limit.Token);
            await socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, true, limit.Token);
            var buffer = new byte[64 * 1024];
            var endedInput = false;
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, limit.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "closed", limit.Token);
                    if (!TypedCloses.Contains(socket.CloseStatus!.Value))
                    {
                        throw new InvalidOperationException($"frame {Show(frame)}: close {socket.CloseStatus} {socket.CloseStatusDescription}");
                    }

                    return;
                }

                if (!endedInput)
                {
                    // The frame was a valid message (its answer arrived): end the input, the server then ends the call.
                    endedInput = true;
                    await socket.SendAsync("null"u8.ToArray(), WebSocketMessageType.Text, true, limit.Token);
                }
            }
        }, iter: 300, threads: 4);

        Assert.Equal((0, 0), await server.StatsWhenAsync(s => s.Active == 0, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task UndecodableProtobufMessages_EachEndTheCallWithATypedStatus_AndTheServerKeepsServing()
    {
        await using var server = await HostProcess.StartServerAsync();
        using var channel = SerowGrpcChannel.Create(server.Grpc);
        var invoker = channel.CreateCallInvoker();
        var bytes = Marshallers.Create<byte[]>(b => b, b => b);
        var chat = new Method<byte[], byte[]>(MethodType.DuplexStreaming, "conformance.Conformance", "Chat", bytes, bytes);

        await Gen.Byte.Array[0, 64].SampleAsync(async message =>
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            using var call = invoker.AsyncDuplexStreamingCall(chat, null, new CallOptions(cancellationToken: limit.Token));
            try
            {
                await call.RequestStream.WriteAsync(message);
                await call.RequestStream.CompleteAsync();
                while (await call.ResponseStream.MoveNext(limit.Token))
                {
                }
            }
            catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled)
            {
                // Every failure is Serow's, typed: its name travels in the trailers, and the status is the one the name maps to.
                var name = e.Trailers.GetValue(GrpcHeaders.ErrorName);
                var expected = name switch
                {
                    "protocol_error" => StatusCode.Internal,
                    "invalid_message" => StatusCode.InvalidArgument,
                    "boom" => StatusCode.Unavailable,
                    _ => (StatusCode?)null,
                };
                if (expected != e.StatusCode)
                {
                    throw new InvalidOperationException($"message {Convert.ToHexString(message)}: {e.StatusCode} \"{e.Status.Detail}\" named {name ?? "nothing"}");
                }
            }
        }, iter: 500, threads: 4);

        Assert.Equal((0, 0), await server.StatsWhenAsync(s => s.Active == 0, TimeSpan.FromSeconds(10)));
    }

    private static string Show(string frame) => frame.Length > 80 ? JsonSerializer.Serialize(frame[..80]) + "…" : JsonSerializer.Serialize(frame);
}
