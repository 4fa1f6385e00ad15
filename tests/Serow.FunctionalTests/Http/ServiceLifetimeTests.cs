// Licensed under the MIT license. See LICENSE in the project root.

using Conformance.Conformance;
using Microsoft.Extensions.DependencyInjection;
using Serow.FunctionalTests.Conformance;

namespace Serow.FunctionalTests.Http;

/// <summary>
/// The generated HTTP endpoints resolve a singleton implementation once, without a DI scope per request, and a scoped
/// one from each request's scope, as ASP.NET Core would.
/// </summary>
[Collection(nameof(LifetimeCounters))]
public sealed class ServiceLifetimeTests
{
    [Fact]
    public async Task ScopedImplementation_IsCreatedPerRequest_AndDisposedWithIt()
    {
        LifetimeCounters.Reset();
        await using (var host = await HttpTestHost.StartAsync(services => services.AddScoped<IConformanceService, CountedService>()))
        {
            await EchoTwiceAndStreamAsync(host);
        }

        Assert.Equal(3, LifetimeCounters.Created);
        Assert.Equal(3, LifetimeCounters.Disposed);
    }

    [Fact]
    public async Task SingletonImplementation_IsCreatedOnce_ForEveryRequest()
    {
        LifetimeCounters.Reset();
        await using (var host = await HttpTestHost.StartAsync(services => services.AddSingleton<IConformanceService, CountedService>()))
        {
            await EchoTwiceAndStreamAsync(host);
            Assert.Equal(0, LifetimeCounters.Disposed);
        }

        Assert.Equal(1, LifetimeCounters.Created);
    }

    [Fact]
    public async Task TransientImplementation_IsCreatedPerRequest()
    {
        LifetimeCounters.Reset();
        await using (var host = await HttpTestHost.StartAsync(services => services.AddTransient<IConformanceService, CountedService>()))
        {
            await EchoTwiceAndStreamAsync(host);
        }

        Assert.Equal(3, LifetimeCounters.Created);
    }

    // Two unary calls (REST) and one stream (WebSocket).
    private static async Task EchoTwiceAndStreamAsync(HttpTestHost host)
    {
        using var http = host.CreateHttpClient();
        var client = new ConformanceHttpClient(http);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Assert.Equal("a", (await client.EchoAsync(new EchoPayload { Text = "a" }, timeout.Token)).Text);
        Assert.Equal("b", (await client.EchoAsync(new EchoPayload { Text = "b" }, timeout.Token)).Text);
        await using var stream = await client.CountAsync(new CountPayload { To = 2 }, timeout.Token);
        var received = 0;
        while (await stream.RecvAsync(timeout.Token) is not null)
        {
            received++;
        }

        Assert.Equal(2, received);
    }

    private sealed class CountedService : IConformanceService, IDisposable
    {
        private readonly ConformanceService _inner = new();

        public CountedService() => Interlocked.Increment(ref LifetimeCounters.Created);

        public void Dispose() => Interlocked.Increment(ref LifetimeCounters.Disposed);

        public Task<EchoResult> EchoAsync(EchoPayload payload, CancellationToken cancellationToken) => _inner.EchoAsync(payload, cancellationToken);

        public Task CountAsync(CountPayload payload, IConformanceCountServerStream stream, CancellationToken cancellationToken) =>
            _inner.CountAsync(payload, stream, cancellationToken);

        public Task SumAsync(IConformanceSumServerStream stream, CancellationToken cancellationToken) => _inner.SumAsync(stream, cancellationToken);

        public Task CollectAsync(IConformanceCollectServerStream stream, CancellationToken cancellationToken) => _inner.CollectAsync(stream, cancellationToken);

        public Task ChatAsync(IConformanceChatServerStream stream, CancellationToken cancellationToken) => _inner.ChatAsync(stream, cancellationToken);

        public Task ItemsAsync(ItemsPayload payload, IConformanceItemsServerStream stream, CancellationToken cancellationToken) =>
            _inner.ItemsAsync(payload, stream, cancellationToken);
    }
}

/// <summary>Counts the service instances the tests of <see cref="ServiceLifetimeTests"/> create (one test at a time).</summary>
[CollectionDefinition(nameof(LifetimeCounters), DisableParallelization = true)]
public static class LifetimeCounters
{
    public static int Created;
    public static int Disposed;

    public static void Reset()
    {
        Created = 0;
        Disposed = 0;
    }
}
