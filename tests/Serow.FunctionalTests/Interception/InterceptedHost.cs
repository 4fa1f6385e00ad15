// Licensed under the MIT license. See LICENSE in the project root.

using Intercepted.Notes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Serow.FunctionalTests.Interception;

/// <summary>
/// The notes service with its server interceptors registered, over gRPC (HTTP/2) and HTTP (HTTP/1.1: REST, WebSocket,
/// SSE) on real Kestrel sockets. One host per test class.
/// </summary>
public sealed class InterceptedHost : IAsyncLifetime
{
    private WebApplication? _app;

    public Uri GrpcAddress { get; private set; } = null!;

    public Uri HttpAddress { get; private set; } = null!;

    public InterceptionLog Log { get; } = new();

    public async ValueTask InitializeAsync() =>
        (_app, GrpcAddress, HttpAddress) = await LoopbackApp.StartAsync(
            builder =>
            {
                builder.Services.AddSingleton(Log);
                builder.Services.AddSingleton<INotesService, NotesService>();
                builder.Services.AddSingleton<INotesServerInterceptors, ServerInterceptors>();
                builder.Services.AddNotesGrpc();
                builder.Services.AddNotesHttp();
            },
            app =>
            {
                app.MapNotesGrpc();
                app.MapNotesHttp();
            });

    public async ValueTask DisposeAsync() => await LoopbackApp.StopAsync(_app);
}
