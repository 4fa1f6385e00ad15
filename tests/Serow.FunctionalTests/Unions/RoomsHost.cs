// Licensed under the MIT license. See LICENSE in the project root.

using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Unions.Rooms;

namespace Serow.FunctionalTests.Unions;

/// <summary>The rooms service over gRPC (HTTP/2) and HTTP (REST, WebSocket, SSE) on real Kestrel sockets.</summary>
public sealed class RoomsHost : IAsyncLifetime
{
    private WebApplication? _app;

    public Uri GrpcAddress { get; private set; } = null!;

    public Uri HttpAddress { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        (_app, GrpcAddress, HttpAddress) = await LoopbackApp.StartAsync(
            builder =>
            {
                builder.Services.AddSingleton<IRoomsService, RoomsService>();
                builder.Services.AddRoomsGrpc();
                builder.Services.AddRoomsHttp();
            },
            app =>
            {
                app.MapRoomsGrpc();
                app.MapRoomsHttp();
            });

    public async ValueTask DisposeAsync() => await LoopbackApp.StopAsync(_app);
}
