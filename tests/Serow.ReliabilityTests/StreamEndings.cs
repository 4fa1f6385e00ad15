// Licensed under the MIT license. See LICENSE in the project root.

using Conformance.Conformance;

namespace Serow.ReliabilityTests;

/// <summary>
/// Every way a client ends a stream (read to the end, dispose early, cancel the call, cancel a receive, half-close,
/// dispose mid-exchange), for the churn test and the soak program (benchmarks/Serow.Soak).
/// </summary>
internal static class StreamEndings
{
    /// <summary>Opens one stream and ends it the way <paramref name="i"/> picks; throws when the stream misbehaves.</summary>
    public static async Task EndOneAsync(IConformanceClient client, int i, bool bidirectional)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var way = bidirectional ? i % 6 : i % 4;
        switch (way)
        {
            case 0:
            {
                // Read to the end.
                await using var stream = await client.CountAsync(new CountPayload { To = 3 }, limit.Token);
                var values = new List<int>();
                await foreach (var result in stream.WithCancellation(limit.Token))
                {
                    values.Add(result.Value);
                }

                Expect(values.SequenceEqual([1, 2, 3]), "a stream read to its end lost results");
                break;
            }

            case 1:
            {
                // Dispose after the first result, while the server waits.
                var stream = await client.CountAsync(new CountPayload { To = 1, WaitForCancel = true }, limit.Token);
                Expect((await stream.RecvAsync(limit.Token))?.Value == 1, "the first result did not arrive");
                await stream.DisposeAsync();
                break;
            }

            case 2:
            {
                // Cancel the call's token while a receive is pending.
                using var call = CancellationTokenSource.CreateLinkedTokenSource(limit.Token);
                await using var stream = await client.CountAsync(new CountPayload { To = 1, WaitForCancel = true }, call.Token);
                Expect((await stream.RecvAsync(limit.Token))?.Value == 1, "the first result did not arrive");
                var pending = stream.RecvAsync(limit.Token).AsTask();
                call.Cancel();
                Expect(await Bounded.OutcomeAsync(() => pending) is OperationCanceledException, "a cancelled call's receive did not end with cancellation");
                break;
            }

            case 3:
            {
                // Cancel one receive's own token: the whole call ends.
                await using var stream = await client.CountAsync(new CountPayload { To = 1, WaitForCancel = true }, limit.Token);
                Expect((await stream.RecvAsync(limit.Token))?.Value == 1, "the first result did not arrive");
                using var receive = new CancellationTokenSource();
                var pending = stream.RecvAsync(receive.Token).AsTask();
                receive.Cancel();
                Expect(await Bounded.OutcomeAsync(() => pending) is OperationCanceledException, "a cancelled receive did not end with cancellation");
                break;
            }

            case 4:
            {
                // Half-close, then read what the server still sends.
                await using var stream = await client.ChatAsync(limit.Token);
                await stream.SendAsync(new ChatStreamingPayload { Text = "a" }, limit.Token);
                await stream.CloseSendAsync(limit.Token);
                var texts = new List<string>();
                await foreach (var result in stream.WithCancellation(limit.Token))
                {
                    texts.Add(result.Text);
                }

                Expect(texts.SequenceEqual(["echo: a", "bye", "received 1"]), $"a half-closed exchange ended with [{string.Join(", ", texts)}]");
                break;
            }

            default:
            {
                // Dispose a bidirectional stream in the middle of the exchange.
                var stream = await client.ChatAsync(limit.Token);
                await stream.SendAsync(new ChatStreamingPayload { Text = "a" }, limit.Token);
                Expect((await stream.RecvAsync(limit.Token))?.Text == "echo: a", "the answer did not arrive");
                await stream.DisposeAsync();
                break;
            }
        }
    }

    private static void Expect(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
