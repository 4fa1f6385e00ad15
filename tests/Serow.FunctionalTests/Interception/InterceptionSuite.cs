// Licensed under the MIT license. See LICENSE in the project root.

using Intercepted;
using Intercepted.Notes;
using Serow.FunctionalTests.Conformance;

namespace Serow.FunctionalTests.Interception;

/// <summary>
/// Design interceptors as every transport must run them, written once against the generated client: the declared
/// order around the handler, a client interceptor writing the payload, a server interceptor writing the result, and
/// per-message effects in both directions of each streaming pattern. A transport derives from this class.
/// </summary>
public abstract class InterceptionSuite(InterceptedHost host) : IClassFixture<InterceptedHost>
{
    protected InterceptedHost Host { get; } = host;

    /// <summary>The transport's client, without interceptors; the suite wraps it in the generated intercepted client.</summary>
    protected abstract INotesClient TransportClient();

    private (INotesClient Client, ClientInterceptors Interceptors) Client()
    {
        var interceptors = new ClientInterceptors();
        return (new NotesInterceptedClient(TransportClient(), interceptors), interceptors);
    }

    [Fact]
    public async Task Unary_ServerInterceptorsRunInDeclarationOrder_AroundTheHandler_AndWriteTheResult()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var (client, _) = Client();

        var result = await client.AddAsync(new AddPayload { Text = marker }).DefaultTimeout();

        Assert.Equal(["handler", "audit"], result.Trail);
        var log = Host.Log.Snapshot();
        var start = log.ToList().IndexOf($"audit>{marker}") - 1;
        Assert.True(start >= 0, string.Join(", ", log));
        Assert.Equal(["trace>add", $"audit>{marker}", $"handler:{marker}", $"audit<{marker}", "trace<add"], log.Skip(start).Take(5));
    }

    [Fact]
    public async Task Unary_ClientInterceptorWritesThePayload_BeforeItIsSent()
    {
        var (client, _) = Client();

        var result = await client.AddAsync(new AddPayload { Text = "tenant" }).DefaultTimeout();

        Assert.Equal("acme", result.Tenant);
    }

    [Fact]
    public async Task Unary_InterceptorThatSkipsNext_FailsTheCall_AndTheServerKeepsServing()
    {
        var (client, _) = Client();

        var error = await Assert.ThrowsAnyAsync<ServiceError>(() => client.AddAsync(new AddPayload { Text = "no-next" }).DefaultTimeout());
        Assert.Equal("internal", error.Name);

        var result = await client.AddAsync(new AddPayload { Text = "after" }).DefaultTimeout();
        Assert.Equal("note-after", result.Id);
    }

    [Fact]
    public async Task ServerStream_EveryResultIsStampedOnTheServer_AndCountedByTheClient()
    {
        var (client, interceptors) = Client();

        await using var stream = await client.FeedAsync(new FeedPayload { Count = 5 }).DefaultTimeout();
        var entries = new List<Entry>();
        using var timeout = new CancellationTokenSource(TestTimeouts.Default);
        await foreach (var entry in stream.WithCancellation(timeout.Token))
        {
            entries.Add(entry);
        }

        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"stamp:{i}:{i}"), entries.Select(e => e.StampedBy));
        Assert.Equal([1L, 2, 3, 4, 5], interceptors.Counted);
        Assert.Equal([1L, 2, 3, 4, 5], interceptors.CountedSequences);
        Assert.Equal(1, interceptors.Opened);
    }

    [Fact]
    public async Task ClientStream_EveryMessageIsTaggedByTheClient_AndCheckedByTheServer_AndTheFinalResultIsRead()
    {
        var (client, interceptors) = Client();

        await using var stream = await client.CollectAsync().DefaultTimeout();
        for (var i = 0; i < 3; i++)
        {
            await stream.SendAsync(new Note { Text = $"note {i}" }).DefaultTimeout();
        }

        var result = await stream.CloseAndRecvAsync().DefaultTimeout();

        Assert.Equal((3, 3), (result.Count, result.Checked));
        Assert.Equal(["tag-1", "tag-2", "tag-3"], result.Tags);
        Assert.Equal(3, interceptors.Total);
    }

    [Fact]
    public async Task Bidirectional_InterceptorsTouchEveryMessageInBothDirections()
    {
        var (client, interceptors) = Client();

        await using var stream = await client.ChatAsync().DefaultTimeout();
        var entries = new List<Entry>();
        for (var i = 1; i <= 3; i++)
        {
            await stream.SendAsync(new Note { Text = $"hello {i}" }).DefaultTimeout();
            entries.Add((await stream.RecvAsync().DefaultTimeout())!);
        }

        await stream.CloseSendAsync().DefaultTimeout();
        Assert.Null(await stream.RecvAsync().DefaultTimeout());

        Assert.Equal(["tag-1", "tag-2", "tag-3"], entries.Select(e => e.Tag));
        Assert.All(entries, e => Assert.True(e.Checked));
        Assert.Equal(["stamp:1:1", "stamp:2:2", "stamp:3:3"], entries.Select(e => e.StampedBy));
        Assert.Equal([1L, 2, 3], interceptors.Counted);
    }
}
