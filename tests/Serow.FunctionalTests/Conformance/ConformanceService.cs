// Licensed under the MIT license. See LICENSE in the project root.

using Conformance.Conformance;
using Item = global::Conformance.Item;

namespace Serow.FunctionalTests.Conformance;

/// <summary>The implementation every transport serves in the conformance suite; it records what the server observed.</summary>
public sealed class ConformanceService : IConformanceService
{
    private int _sent;

    /// <summary>Completes when a streaming handler saw its cancellation token fire.</summary>
    public TaskCompletionSource ServerCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many results the count method has sent so far.</summary>
    public int Sent => Volatile.Read(ref _sent);

    /// <summary>The words the collect method stored.</summary>
    public List<string> Collected { get; } = [];

    /// <summary>Completes when the collect method finished.</summary>
    public TaskCompletionSource CollectDone { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<EchoResult> EchoAsync(EchoPayload payload, CancellationToken cancellationToken) =>
        payload.Fail == true
            ? throw new BoomError("echo failed on request")
            : Task.FromResult(new EchoResult { Text = payload.Text });

    public async Task CountAsync(CountPayload payload, IConformanceCountServerStream stream, CancellationToken cancellationToken)
    {
        try
        {
            for (var i = 1; i <= payload.To; i++)
            {
                if (payload.FailAt is { } failAt && (failAt == i || failAt == 0))
                {
                    throw new BoomError($"count failed before {i}");
                }

                await stream.SendAsync(new CountResult { Value = i }, cancellationToken);
                Interlocked.Increment(ref _sent);
            }

            if (payload.WaitForCancel == true)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            ServerCancelled.TrySetResult();
            throw;
        }
    }

    public async Task SumAsync(IConformanceSumServerStream stream, CancellationToken cancellationToken)
    {
        long total = 0;
        var count = 0;
        await foreach (var message in stream.WithCancellation(cancellationToken))
        {
            if (message.Fail == true)
            {
                throw new BoomError($"sum failed at message {count + 1}");
            }

            total += message.Value;
            count++;
        }

        await stream.SendAndCloseAsync(new SumResult { Total = total, Count = count }, cancellationToken);
    }

    public async Task CollectAsync(IConformanceCollectServerStream stream, CancellationToken cancellationToken)
    {
        try
        {
            while (await stream.RecvAsync(cancellationToken) is { } word)
            {
                lock (Collected)
                {
                    Collected.Add(word);
                }
            }

            await stream.CloseAsync(cancellationToken);
        }
        finally
        {
            CollectDone.TrySetResult();
        }
    }

    public async Task ChatAsync(IConformanceChatServerStream stream, CancellationToken cancellationToken)
    {
        var seq = 0;
        try
        {
            while (await stream.RecvAsync(cancellationToken) is { } message)
            {
                if (message.Fail == true)
                {
                    throw new BoomError($"chat failed at message {seq + 1}");
                }

                if (message.Text == "stop")
                {
                    // The server ends the call while the client may still be sending.
                    return;
                }

                // A reply that breaks the design (text is required): the client must refuse it.
                var text = message.Text == "invalid reply" ? null! : "echo: " + message.Text;
                await stream.SendAsync(new ChatResult { Text = text, Seq = ++seq }, cancellationToken);
            }

            // The client half-closed: it still receives what the server sends now.
            await stream.SendAsync(new ChatResult { Text = "bye", Seq = ++seq }, cancellationToken);
            await stream.SendAsync(new ChatResult { Text = $"received {seq - 1}", Seq = ++seq }, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            ServerCancelled.TrySetResult();
            throw;
        }
    }

    public async Task ItemsAsync(ItemsPayload payload, IConformanceItemsServerStream stream, CancellationToken cancellationToken)
    {
        if (payload.View is { } view)
        {
            await stream.SetViewAsync(view, cancellationToken);
        }

        for (var i = 1; i <= payload.Count; i++)
        {
            await stream.SendAsync(new Item { Id = i, Name = $"item {i}", Detail = $"detail of item {i}" }, cancellationToken);
        }
    }
}
