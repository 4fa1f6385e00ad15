// Licensed under the MIT license. See LICENSE in the project root.

using Conformance.Conformance;
using Item = global::Conformance.Item;
using Serow.Validation;

namespace Serow.FunctionalTests.Conformance;

/// <summary>
/// The behaviour every Serow transport that carries unary calls and server streams must show (Server-Sent Events among
/// them), written once against the generated client interface. A transport derives from this class, or from
/// <see cref="ConformanceSuite"/> when it carries every pattern, and says how to reach a service implementation through it.
/// </summary>
public abstract class ServerStreamConformance
{
    /// <summary>The implementation behind the client; tests read what the server observed from it.</summary>
    protected ConformanceService Service { get; } = new();

    /// <summary>Creates a client that reaches <see cref="Service"/> through the transport under test.</summary>
    protected abstract Task<IConformanceClient> CreateClientAsync();

    /// <summary>How many results a server stream must produce before a reader that reads nothing shows backpressure.</summary>
    protected virtual int BackpressureProbeCount => 1_000;

    // --- unary ---

    [Fact]
    public async Task Unary_ValidPayload_ReturnsResult()
    {
        var client = await CreateClientAsync();

        var result = await client.EchoAsync(new EchoPayload { Text = "hello" }).DefaultTimeout();

        Assert.Equal("hello", result.Text);
    }

    [Fact]
    public async Task Unary_InvalidPayload_ThrowsValidationNamingFieldAndRule()
    {
        var client = await CreateClientAsync();

        var error = await Assert.ThrowsAsync<ValidationException>(() => client.EchoAsync(new EchoPayload { Text = new string('x', 101) }).DefaultTimeout());

        var violation = Assert.Single(error.Errors);
        Assert.Equal(("text", "maxLength"), (violation.Field, violation.Rule));
    }

    [Fact]
    public async Task Unary_DesignedError_ThrowsTypedException()
    {
        var client = await CreateClientAsync();

        var error = await Assert.ThrowsAsync<BoomError>(() => client.EchoAsync(new EchoPayload { Text = "x", Fail = true }).DefaultTimeout());

        Assert.Equal(("boom", true, false, false), (error.Name, error.Temporary, error.Timeout, error.Fault));
        Assert.Equal("echo failed on request", error.Message);
    }

    [Fact]
    public async Task Unary_Telemetry_OneServerActivityInTheCallersTrace_WithTheOutcome()
    {
        using var recorder = new TelemetryRecorder();
        var client = await CreateClientAsync();
        var trace = await recorder.InCallerAsync(async () =>
        {
            await client.EchoAsync(new EchoPayload { Text = "hello" }).DefaultTimeout();
            await Assert.ThrowsAsync<BoomError>(() => client.EchoAsync(new EchoPayload { Text = "x", Fail = true }).DefaultTimeout());
        });

        var server = await recorder.ServerActivitiesAsync(trace, 2);
        Assert.All(server, a => Assert.Equal(("conformance/echo", System.Diagnostics.ActivityKind.Server, "echo"), (a.DisplayName, a.Kind, a.GetTagItem("rpc.method"))));
        Assert.Single(server, a => a.Status == System.Diagnostics.ActivityStatusCode.Unset);
        Assert.Equal("boom", Assert.Single(server, a => a.Status == System.Diagnostics.ActivityStatusCode.Error).GetTagItem("error.type"));
        Assert.Contains(recorder.Durations, d => d.Method == "echo" && d.Outcome == "ok");
        Assert.Contains(recorder.Durations, d => d.Method == "echo" && d.Outcome == "boom");
    }

    // --- server streaming ---

    [Fact]
    public async Task ServerStream_Results_ArriveInOrderThenEndOfStream()
    {
        var client = await CreateClientAsync();
        await using var stream = await client.CountAsync(new CountPayload { To = 5 }).DefaultTimeout();

        var values = new List<int>();
        while (await stream.RecvAsync().DefaultTimeout() is { } result)
        {
            values.Add(result.Value);
        }

        Assert.Equal([1, 2, 3, 4, 5], values);
        Assert.Null(await stream.RecvAsync().DefaultTimeout());
    }

    [Fact]
    public async Task ServerStream_Telemetry_OneServerActivityInTheCallersTrace_WithTheOutcome()
    {
        using var recorder = new TelemetryRecorder(messageEvents: true);
        var client = await CreateClientAsync();
        var trace = await recorder.InCallerAsync(async () =>
        {
            await using var stream = await client.CountAsync(new CountPayload { To = 2 }).DefaultTimeout();
            while (await stream.RecvAsync().DefaultTimeout() is not null)
            {
            }

            await Assert.ThrowsAsync<BoomError>(async () =>
            {
                await using var failing = await client.CountAsync(new CountPayload { To = 3, FailAt = 1 }).DefaultTimeout();
                while (await failing.RecvAsync().DefaultTimeout() is not null)
                {
                }
            });
        });

        var server = await recorder.ServerActivitiesAsync(trace, 2);
        Assert.All(server, a =>
        {
            Assert.Equal("conformance/count", a.DisplayName);
            Assert.Equal(System.Diagnostics.ActivityKind.Server, a.Kind);
            Assert.Equal("conformance", a.GetTagItem("rpc.service"));
            Assert.Equal("count", a.GetTagItem("rpc.method"));
            Assert.NotNull(a.GetTagItem("serow.transport"));
        });
        Assert.Single(server, a => a.Status == System.Diagnostics.ActivityStatusCode.Unset);
        Assert.Equal("boom", Assert.Single(server, a => a.Status == System.Diagnostics.ActivityStatusCode.Error).GetTagItem("error.type"));
        Assert.Contains(recorder.Durations, d => d.Method == "count" && d.Outcome == "ok" && d.Seconds > 0);
        Assert.Contains(recorder.Durations, d => d.Method == "count" && d.Outcome == "boom");
        Assert.True(recorder.Messages.Where(m => m.Method == "count" && m.Direction == "sent").Sum(m => m.Count) >= 2);

        // With message events on, the successful call's activity holds one event per result sent, numbered.
        var succeeded = Assert.Single(server, a => a.Status == System.Diagnostics.ActivityStatusCode.Unset);
        Assert.Equal(
            [("message", "sent", 1L), ("message", "sent", 2L)],
            succeeded.Events.Select(e => (e.Name, (string?)e.Tags.Single(t => t.Key == "serow.direction").Value, (long)e.Tags.Single(t => t.Key == "serow.sequence").Value!)));
    }

    [Fact]
    public async Task ServerStream_AwaitForeach_EnumeratesEveryResult()
    {
        var client = await CreateClientAsync();
        await using var stream = await client.CountAsync(new CountPayload { To = 3 }).DefaultTimeout();

        var values = new List<int>();
        await foreach (var result in stream)
        {
            values.Add(result.Value);
        }

        Assert.Equal([1, 2, 3], values);
    }

    [Fact]
    public async Task ServerStream_ErrorBeforeFirstResult_ThrowsTypedExceptionAtStart()
    {
        var client = await CreateClientAsync();

        var error = await Assert.ThrowsAsync<BoomError>(async () =>
        {
            await using var stream = await client.CountAsync(new CountPayload { To = 3, FailAt = 0 }).DefaultTimeout();
            await stream.RecvAsync().DefaultTimeout();
        });

        Assert.Equal("count failed before 1", error.Message);
    }

    [Fact]
    public async Task ServerStream_ErrorMidStream_DeliversEarlierResultsThenTypedException()
    {
        var client = await CreateClientAsync();
        await using var stream = await client.CountAsync(new CountPayload { To = 5, FailAt = 3 }).DefaultTimeout();

        Assert.Equal(1, (await stream.RecvAsync().DefaultTimeout())!.Value);
        Assert.Equal(2, (await stream.RecvAsync().DefaultTimeout())!.Value);
        var error = await Assert.ThrowsAsync<BoomError>(() => stream.RecvAsync().DefaultTimeout());
        Assert.Equal("count failed before 3", error.Message);
    }

    [Fact]
    public async Task ServerStream_InvalidPayload_ThrowsValidationBeforeAnyResult()
    {
        var client = await CreateClientAsync();

        var error = await Assert.ThrowsAsync<ValidationException>(async () =>
        {
            await using var stream = await client.CountAsync(new CountPayload { To = -1 }).DefaultTimeout();
            await stream.RecvAsync().DefaultTimeout();
        });

        Assert.Contains(error.Errors, e => e.Field == "to" && e.Rule == "minimum");
    }

    [Fact]
    public async Task ServerStream_ClientDisposes_CancelsServerToken()
    {
        var client = await CreateClientAsync();
        var stream = await client.CountAsync(new CountPayload { To = 1, WaitForCancel = true }).DefaultTimeout();
        Assert.Equal(1, (await stream.RecvAsync().DefaultTimeout())!.Value);

        await stream.DisposeAsync().DefaultTimeout();

        await Service.ServerCancelled.Task.DefaultTimeout();
    }

    [Fact]
    public async Task ServerStream_CallerCancels_CancelsServerAndPendingReceive()
    {
        var client = await CreateClientAsync();
        using var cancellation = new CancellationTokenSource();
        await using var stream = await client.CountAsync(new CountPayload { To = 1, WaitForCancel = true }, cancellation.Token).DefaultTimeout();
        Assert.Equal(1, (await stream.RecvAsync().DefaultTimeout())!.Value);
        var pending = stream.RecvAsync().AsTask();

        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.DefaultTimeout());
        await Service.ServerCancelled.Task.DefaultTimeout();
    }

    [Fact]
    public async Task ServerStream_SlowReader_BoundsWhatTheServerSendsAhead()
    {
        var client = await CreateClientAsync();
        var count = BackpressureProbeCount;
        await using var stream = await client.CountAsync(new CountPayload { To = count }).DefaultTimeout();

        var sentWhileIdle = await WaitUntilStableAsync(() => Service.Sent);

        Assert.True(sentWhileIdle < count, $"the server sent all {count} results to a reader that read none");
        var received = 0;
        await foreach (var result in stream)
        {
            Assert.Equal(++received, result.Value);
        }

        Assert.Equal(count, received);
    }

    // --- views ---

    [Fact]
    public async Task Views_DefaultView_SendsEveryField()
    {
        var client = await CreateClientAsync();
        await using var stream = await client.ItemsAsync(new ItemsPayload { Count = 2 }).DefaultTimeout();

        var items = new List<Item>();
        await foreach (var item in stream)
        {
            items.Add(item);
        }

        Assert.Equal(["item 1", "item 2"], items.Select(i => i.Name));
        Assert.All(items, i => Assert.NotNull(i.Detail));
    }

    [Fact]
    public async Task Views_ChosenView_ProjectsEveryResult()
    {
        var client = await CreateClientAsync();
        await using var stream = await client.ItemsAsync(new ItemsPayload { Count = 2, View = Item.Views.Tiny }).DefaultTimeout();

        var items = new List<Item>();
        await foreach (var item in stream)
        {
            items.Add(item);
        }

        Assert.Equal([1, 2], items.Select(i => i.Id));
        Assert.All(items, i => Assert.Null(i.Name));
        Assert.All(items, i => Assert.Null(i.Detail));
    }

    [Fact]
    public async Task Views_UnknownView_FailsTheCall()
    {
        var client = await CreateClientAsync();

        var error = await Assert.ThrowsAnyAsync<ServiceError>(async () =>
        {
            await using var stream = await client.ItemsAsync(new ItemsPayload { Count = 1, View = "huge" }).DefaultTimeout();
            await stream.RecvAsync().DefaultTimeout();
        });

        Assert.True(error.Fault);
    }

    // --- stream rules: dispose, cancel, one pending receive ---

    [Fact]
    public async Task ServerStream_DisposeAfterTheEnd_DoesNotCancelTheServer()
    {
        var client = await CreateClientAsync();
        var stream = await client.CountAsync(new CountPayload { To = 2 }).DefaultTimeout();
        Assert.Equal(1, (await stream.RecvAsync().DefaultTimeout())!.Value);
        Assert.Equal(2, (await stream.RecvAsync().DefaultTimeout())!.Value);
        Assert.Null(await stream.RecvAsync().DefaultTimeout());

        await stream.DisposeAsync().DefaultTimeout();

        Assert.False(Service.ServerCancelled.Task.IsCompleted);
    }

    [Fact]
    public async Task ServerStream_ReceiveTokenFiresWhilePending_AbortsTheWholeCall()
    {
        var client = await CreateClientAsync();
        await using var stream = await client.CountAsync(new CountPayload { To = 1, WaitForCancel = true }).DefaultTimeout();
        Assert.Equal(1, (await stream.RecvAsync().DefaultTimeout())!.Value);
        using var receive = new CancellationTokenSource();
        var pending = stream.RecvAsync(receive.Token).AsTask();

        receive.Cancel();

        var cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.DefaultTimeout());
        Assert.Equal(receive.Token, cancelled.CancellationToken);
        await Service.ServerCancelled.Task.DefaultTimeout();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.RecvAsync().AsTask().DefaultTimeout());
    }

    [Fact]
    public async Task ServerStream_SecondConcurrentReceive_ThrowsInvalidOperation()
    {
        var client = await CreateClientAsync();
        await using var stream = await client.CountAsync(new CountPayload { To = 1, WaitForCancel = true }).DefaultTimeout();
        Assert.Equal(1, (await stream.RecvAsync().DefaultTimeout())!.Value);
        var pending = stream.RecvAsync().AsTask();

        await Assert.ThrowsAsync<InvalidOperationException>(() => stream.RecvAsync().AsTask().DefaultTimeout());
        Assert.False(pending.IsCompleted);
    }

    [Fact]
    public async Task ServerStream_AlreadyCancelledCallToken_NeverRunsOrIsCancelled()
    {
        var client = await CreateClientAsync();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await using var stream = await client.CountAsync(new CountPayload { To = 3 }, cancelled.Token).DefaultTimeout();
            await stream.RecvAsync().DefaultTimeout();
        });
    }

    /// <summary>
    /// Stops the server while a server stream is open: the handler's token fires, and the client's receive throws the
    /// typed <see cref="ServerStoppingError"/> (never a reset or a lost connection), then the server stops.
    /// </summary>
    protected async Task AssertStoppingEndsAnOpenServerStreamAsync(Func<Task> stopServer)
    {
        var client = await CreateClientAsync();
        await using var stream = await client.CountAsync(new CountPayload { To = 1, WaitForCancel = true }).DefaultTimeout();
        Assert.Equal(1, (await stream.RecvAsync().DefaultTimeout())!.Value);

        var stopping = stopServer();

        var error = await Assert.ThrowsAsync<ServerStoppingError>(() => stream.RecvAsync().AsTask().DefaultTimeout());
        Assert.True(error.Temporary);
        await Service.ServerCancelled.Task.DefaultTimeout();
        await stopping.DefaultTimeout();
    }

    /// <summary>Sends a message the server will fail on; the server may already have ended the call by the time it arrives.</summary>
    protected static async Task SendIgnoringServerEndAsync<T>(Serow.Streaming.IStreamSender<T> stream, T message)
    {
        try
        {
            await stream.SendAsync(message).DefaultTimeout();
        }
        catch (ServiceError)
        {
            // The typed error is asserted on the operation that reads the outcome.
        }
        catch (InvalidOperationException)
        {
        }
    }

    protected static async Task<int> WaitUntilStableAsync(Func<int> read)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        var last = -1;
        while (DateTime.UtcNow < deadline)
        {
            var current = read();
            if (current == last && current > 0)
            {
                return current;
            }

            last = current;
            await Task.Delay(200);
        }

        return read();
    }
}
