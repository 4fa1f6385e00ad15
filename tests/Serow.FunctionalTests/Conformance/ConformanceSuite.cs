// Licensed under the MIT license. See LICENSE in the project root.

using Conformance.Conformance;
using Item = global::Conformance.Item;
using Serow.Validation;

namespace Serow.FunctionalTests.Conformance;

/// <summary>
/// The behaviour every Serow transport must show, written once against the generated client interface. A transport
/// derives from this class and says how to reach a service implementation through it.
/// </summary>
public abstract class ConformanceSuite : ServerStreamConformance
{
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
    public async Task ClientStream_Telemetry_CountsEachReceivedMessage_AndTheFinalResult()
    {
        using var recorder = new TelemetryRecorder(messageEvents: true);
        var client = await CreateClientAsync();
        var trace = await recorder.InCallerAsync(async () =>
        {
            await using var stream = await client.SumAsync().DefaultTimeout();
            foreach (var value in new[] { 1, 2, 3 })
            {
                await stream.SendAsync(new SumStreamingPayload { Value = value }).DefaultTimeout();
            }

            await stream.CloseAndRecvAsync().DefaultTimeout();
        });

        var server = Assert.Single(await recorder.ServerActivitiesAsync(trace, 1));
        Assert.Equal("conformance/sum", server.DisplayName);
        Assert.Equal(
            ["received 1", "received 2", "received 3", "sent 1"],
            server.Events.Select(e => $"{e.Tags.Single(t => t.Key == "serow.direction").Value} {e.Tags.Single(t => t.Key == "serow.sequence").Value}"));
        Assert.True(recorder.Messages.Where(m => m.Method == "sum" && m.Direction == "received").Sum(m => m.Count) >= 3);
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

    /// <summary>Stops the server while a bidirectional stream is open: the client's receive and send see <see cref="ServerStoppingError"/>.</summary>
    protected async Task AssertStoppingEndsAnOpenBidirectionalStreamAsync(Func<Task> stopServer)
    {
        var client = await CreateClientAsync();
        await using var stream = await client.ChatAsync().DefaultTimeout();
        await stream.SendAsync(new ChatStreamingPayload { Text = "hi" }).DefaultTimeout();
        Assert.Equal("echo: hi", (await stream.RecvAsync().DefaultTimeout())!.Text);

        var stopping = stopServer();

        await Assert.ThrowsAsync<ServerStoppingError>(() => stream.RecvAsync().AsTask().DefaultTimeout());
        await Assert.ThrowsAsync<ServerStoppingError>(() => stream.SendAsync(new ChatStreamingPayload { Text = "late" }).AsTask().DefaultTimeout());
        await stopping.DefaultTimeout();
    }
}
