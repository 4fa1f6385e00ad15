// Licensed under the MIT license. See LICENSE in the project root.

using System.Text;
using Grpc.Core;
using Serow.FunctionalTests.Conformance;
using Serow.Grpc;

namespace Serow.FunctionalTests.Language;

/// <summary>What a plain gRPC client (raw bytes, no Serow code) sees of a result split into message, headers and trailers.</summary>
public sealed class GrpcResponseMetadataTests(CatalogHost host) : IClassFixture<CatalogHost>, IDisposable
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(static b => b, static b => b);
    private static readonly Method<byte[], byte[]> Login = new(MethodType.Unary, "catalog.Catalog", "Login", Bytes, Bytes);

    private readonly global::Grpc.Net.Client.GrpcChannel _channel = SerowGrpcChannel.Create(host.GrpcAddress);

    public void Dispose() => _channel.Dispose();

    [Fact]
    public async Task Login_CarriesRevisionInAHeader_AndOutcomeInATrailer_NotInTheMessage()
    {
        var user = "raw" + Random.Shared.Next(1, 1_000_000);
        var name = Encoding.UTF8.GetBytes(user);
        byte[] request = [0x0A, (byte)name.Length, .. name];

        using var call = _channel.CreateCallInvoker().AsyncUnaryCall(Login, null, new CallOptions(), request);
        var response = await call.ResponseAsync.DefaultTimeout();
        var headers = await call.ResponseHeadersAsync;

        Assert.Equal("1", headers.GetValue("revision"));
        Assert.Equal("created", call.GetTrailers().GetValue("outcome"));

        // The message holds token (1) and user (4) only.
        var fields = new List<int>();
        for (var i = 0; i < response.Length;)
        {
            fields.Add(response[i] >> 3);
            i += 2 + response[i + 1];
        }

        Assert.Equal([1, 4], fields);
    }
}
