// Licensed under the MIT license. See LICENSE in the project root.

using Conformance.Conformance;
using Item = global::Conformance.Item;
using Serow.Validation;

namespace Serow.FunctionalTests.Conformance;

/// <summary>
/// The behaviour every Serow transport must show, written once against the generated client interface. A transport
/// derives from this class and says how to reach a service implementation through it.
/// </summary>
public abstract class ConformanceSuite
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

    // --- client streaming ---

    [Fact]
    public async Task ClientStream_CloseAndRecv_ReturnsFinalResult()
    {
        var client = await CreateClientAsync();
        await using var stream = await client.SumAsync().DefaultTimeout();

        foreach (var value in new[] { 1, 2, 39 })
        {
            await stream.SendAsync(new SumStreamingPayload { Value = value }).DefaultTimeout();
        }

        var result = await stream.CloseAndRecvAsync().DefaultTimeout();
        Assert.Equal((42L, 3), (result.Total, result.Count));
    }

    [Fact]
    public async Task ClientStream_NoMessages_ReturnsEmptyResult()
    {
        var client = await CreateClientAsync();
        await using var stream = await client.SumAsync().DefaultTimeout();

        var result = await stream.CloseAndRecvAsync().DefaultTimeout();

        Assert.Equal((0L, 0), (result.Total, result.Count));
    }

    [Fact]
    public async Task ClientStream_InvalidMessage_ServerRejectsItWithFieldAndRule()
    {
        var client = await CreateClientAsync();
        await using var stream = await client.SumAsync().DefaultTimeout();
        await stream.SendAsync(new SumStreamingPayload { Value = 1 }).DefaultTimeout();
        await SendIgnoringServerEndAsync(stream, new SumStreamingPayload { Value = -5 });

        var error = await Assert.ThrowsAsync<ValidationException>(() => stream.CloseAndRecvAsync().DefaultTimeout());

        var violation = Assert.Single(error.Errors);
        Assert.Equal(("value", "minimum"), (violation.Field, violation.Rule));
    }

    [Fact]
    public async Task ClientStream_DesignedErrorMidStream_CloseAndRecvThrowsTypedException()
    {
        var client = await CreateClientAsync();
        await using var stream = await client.SumAsync().DefaultTimeout();
        await stream.SendAsync(new SumStreamingPayload { Value = 1 }).DefaultTimeout();
        await SendIgnoringServerEndAsync(stream, new SumStreamingPayload { Value = 2, Fail = true });

        var error = await Assert.ThrowsAsync<BoomError>(() => stream.CloseAndRecvAsync().DefaultTimeout());

        Assert.Equal("sum failed at message 2", error.Message);
    }

    [Fact]
    public async Task ClientStreamWithoutResult_Close_WaitsForTheServer()
    {
        var client = await CreateClientAsync();
        await using var stream = await client.CollectAsync().DefaultTimeout();
        await stream.SendAsync("alpha").DefaultTimeout();
        await stream.SendAsync("beta").DefaultTimeout();

        await stream.CloseAsync().DefaultTimeout();

        await Service.CollectDone.Task.DefaultTimeout();
        Assert.Equal(["alpha", "beta"], Service.Collected);
    }

    [Fact]
    public async Task ClientStreamWithoutResult_InvalidMessage_CloseThrowsValidation()
    {
        var client = await CreateClientAsync();
        await using var stream = await client.CollectAsync().DefaultTimeout();
        await SendIgnoringServerEndAsync(stream, string.Empty);

        var error = await Assert.ThrowsAsync<ValidationException>(() => stream.CloseAsync().DefaultTimeout());

        Assert.Equal("minLength", Assert.Single(error.Errors).Rule);
    }

    // --- bidirectional ---

    [Fact]
    public async Task Bidirectional_EachMessage_IsAnsweredInOrder()
    {
        var client = await CreateClientAsync();
        await using var stream = await client.ChatAsync().DefaultTimeout();

        for (var i = 1; i <= 3; i++)
        {
            await stream.SendAsync(new ChatStreamingPayload { Text = $"m{i}" }).DefaultTimeout();
            var answer = await stream.RecvAsync().DefaultTimeout();
            Assert.Equal(($"echo: m{i}", i), (answer!.Text, answer.Seq));
        }
    }

    [Fact]
    public async Task Bidirectional_CloseSend_ClientKeepsReceiving()
    {
        var client = await CreateClientAsync();
        await using var stream = await client.ChatAsync().DefaultTimeout();
        await stream.SendAsync(new ChatStreamingPayload { Text = "only" }).DefaultTimeout();

        await stream.CloseSendAsync().DefaultTimeout();

        var texts = new List<string>();
        await foreach (var answer in stream)
        {
            texts.Add(answer.Text);
        }

        Assert.Equal(["echo: only", "bye", "received 1"], texts);
    }

    [Fact]
    public async Task Bidirectional_DesignedErrorMidStream_ThrowsTypedExceptionAfterEarlierResults()
    {
        var client = await CreateClientAsync();
        await using var stream = await client.ChatAsync().DefaultTimeout();
        await stream.SendAsync(new ChatStreamingPayload { Text = "one" }).DefaultTimeout();
        Assert.Equal("echo: one", (await stream.RecvAsync().DefaultTimeout())!.Text);

        await SendIgnoringServerEndAsync(stream, new ChatStreamingPayload { Text = "two", Fail = true });

        var error = await Assert.ThrowsAsync<BoomError>(() => stream.RecvAsync().DefaultTimeout());
        Assert.Equal("chat failed at message 2", error.Message);
    }

    [Fact]
    public async Task Bidirectional_CallerCancels_CancelsServerToken()
    {
        var client = await CreateClientAsync();
        using var cancellation = new CancellationTokenSource();
        await using var stream = await client.ChatAsync(cancellation.Token).DefaultTimeout();
        await stream.SendAsync(new ChatStreamingPayload { Text = "hi" }).DefaultTimeout();
        await stream.RecvAsync().DefaultTimeout();

        cancellation.Cancel();

        await Service.ServerCancelled.Task.DefaultTimeout();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.RecvAsync().DefaultTimeout());
    }

    [Fact]
    public async Task Bidirectional_ReceiveWithCancelledToken_ThrowsCancellation()
    {
        var client = await CreateClientAsync();
        await using var stream = await client.ChatAsync().DefaultTimeout();
        await stream.SendAsync(new ChatStreamingPayload { Text = "hi" }).DefaultTimeout();
        await stream.RecvAsync().DefaultTimeout();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        // A token that fired before the receive started cancels the call, never an unrelated failure.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.RecvAsync(cancelled.Token).AsTask().DefaultTimeout());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.RecvAsync().AsTask().DefaultTimeout());
    }

    [Fact]
    public async Task Bidirectional_ConcurrentSends_AreAllDelivered()
    {
        var client = await CreateClientAsync();
        await using var stream = await client.ChatAsync().DefaultTimeout();
        var receiving = Task.Run(async () =>
        {
            var texts = new List<string>();
            await foreach (var answer in stream)
            {
                texts.Add(answer.Text);
            }

            return texts;
        });

        await Task.WhenAll(Enumerable.Range(0, 8).Select(sender => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                await stream.SendAsync(new ChatStreamingPayload { Text = $"{sender}-{i}" });
            }
        }))).DefaultTimeout();
        await stream.CloseSendAsync().DefaultTimeout();

        var received = await receiving.DefaultTimeout();
        Assert.Equal(200, received.Count(t => t.StartsWith("echo: ", StringComparison.Ordinal)));
        Assert.Equal(200, received.Where(t => t.StartsWith("echo: ", StringComparison.Ordinal)).Distinct().Count());
    }

    [Fact]
    public async Task Bidirectional_InvalidMessage_ServerValidatesEveryMessage()
    {
        var client = await CreateClientAsync();
        await using var stream = await client.ChatAsync().DefaultTimeout();
        await SendIgnoringServerEndAsync(stream, new ChatStreamingPayload { Text = string.Empty });

        var error = await Assert.ThrowsAsync<ValidationException>(() => stream.RecvAsync().DefaultTimeout());

        Assert.Equal(("text", "minLength"), (error.Errors[0].Field, error.Errors[0].Rule));
    }

    [Fact]
    public async Task Bidirectional_ServerEndsTheCall_ClientSeesEndOfStream()
    {
        var client = await CreateClientAsync();
        await using var stream = await client.ChatAsync().DefaultTimeout();
        await stream.SendAsync(new ChatStreamingPayload { Text = "one" }).DefaultTimeout();
        Assert.Equal("echo: one", (await stream.RecvAsync().DefaultTimeout())!.Text);

        await stream.SendAsync(new ChatStreamingPayload { Text = "stop" }).DefaultTimeout();

        Assert.Null(await stream.RecvAsync().DefaultTimeout());
    }

    [Fact]
    public async Task Bidirectional_InvalidResult_ClientValidatesEveryResult()
    {
        var client = await CreateClientAsync();
        await using var stream = await client.ChatAsync().DefaultTimeout();
        await stream.SendAsync(new ChatStreamingPayload { Text = "invalid reply" }).DefaultTimeout();

        var error = await Assert.ThrowsAsync<ValidationException>(() => stream.RecvAsync().DefaultTimeout());

        Assert.Equal(("text", "required"), (error.Errors[0].Field, error.Errors[0].Rule));
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

    /// <summary>Sends a message the server will fail on; the server may already have ended the call by the time it arrives.</summary>
    private static async Task SendIgnoringServerEndAsync<T>(Serow.Streaming.IStreamSender<T> stream, T message)
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

    private static async Task<int> WaitUntilStableAsync(Func<int> read)
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
