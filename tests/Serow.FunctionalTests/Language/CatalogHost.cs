// Licensed under the MIT license. See LICENSE in the project root.

using Language.Catalog;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Serow.FunctionalTests.Language;

/// <summary>The catalog service over gRPC (HTTP/2) and HTTP (REST) on real Kestrel sockets.</summary>
public sealed class CatalogHost : IAsyncLifetime
{
    private WebApplication? _app;

    public Uri GrpcAddress { get; private set; } = null!;

    public Uri HttpAddress { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        (_app, GrpcAddress, HttpAddress) = await LoopbackApp.StartAsync(
            builder =>
            {
                builder.Services.AddSingleton<ICatalogService, CatalogService>();
                builder.Services.AddSingleton<global::Language.Reviews.IReviewsService, ReviewsService>();
                builder.Services.AddCatalogGrpc();
                builder.Services.AddCatalogHttp();
                builder.Services.AddReviewsGrpc();
                builder.Services.AddReviewsHttp();
            },
            app =>
            {
                app.MapCatalogGrpc();
                app.MapCatalogHttp();
                app.MapReviewsGrpc();
                app.MapReviewsHttp();
            });

    public async ValueTask DisposeAsync() => await LoopbackApp.StopAsync(_app);
}
