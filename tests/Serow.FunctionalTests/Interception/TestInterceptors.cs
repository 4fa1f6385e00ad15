// Licensed under the MIT license. See LICENSE in the project root.

using Intercepted.Interceptors;
using Intercepted.Notes;
using Serow.Interception;

namespace Serow.FunctionalTests.Interception;

/// <summary>The server interceptors: trace (API level) records each call, audit reads the payload and writes the result, stamp and inbound touch every message.</summary>
public sealed class ServerInterceptors(InterceptionLog log) : INotesServerInterceptors
{
    public async ValueTask TraceAsync(TraceInfo info, Func<ValueTask> next, CancellationToken cancellationToken)
    {
        Assert.Equal((InterceptorSide.Server, InterceptedOperation.Call), (info.Side, info.Operation));
        if (info.Method == "add" && info.Call is { Payload: AddPayload { Text: "no-next" } })
        {
            return;
        }

        log.Add($"trace>{info.Method}");
        try
        {
            await next();
        }
        finally
        {
            log.Add($"trace<{info.Method}");
        }
    }

    public async ValueTask AuditAsync(AuditInfo info, Func<ValueTask> next, CancellationToken cancellationToken)
    {
        log.Add($"audit>{info.Payload!.Text}");
        Assert.Null(info.Result);
        await next();
        var result = info.Result!;
        result.Trail = [.. result.Trail ?? [], "audit"];
        log.Add($"audit<{info.Payload.Text}");
    }

    public ValueTask StampAsync(StampInfo info, Func<ValueTask> next, CancellationToken cancellationToken)
    {
        if (info.Operation == InterceptedOperation.Send)
        {
            var entry = info.StreamingResult!;
            entry.StampedBy = $"stamp:{info.Sequence}:{entry.Seq}";
        }

        return next();
    }

    public async ValueTask InboundAsync(InboundInfo info, Func<ValueTask> next, CancellationToken cancellationToken)
    {
        await next();
        if (info.Operation == InterceptedOperation.Receive && info.StreamingPayload is { } note)
        {
            Assert.False(string.IsNullOrEmpty(note.Text));
            note.Checked = true;
        }
    }
}

/// <summary>The client interceptors: tenant writes the payload, tag each streamed message, count and total read what arrives.</summary>
public sealed class ClientInterceptors : INotesClientInterceptors
{
    public List<long> Counted { get; } = [];

    public List<long> CountedSequences { get; } = [];

    public int? Total { get; private set; }

    public int Opened { get; private set; }

    public ValueTask TenantAsync(TenantInfo info, Func<ValueTask> next, CancellationToken cancellationToken)
    {
        Assert.Equal(InterceptorSide.Client, info.Side);
        info.Payload!.Tenant = "acme";
        return next();
    }

    public ValueTask TagAsync(TagInfo info, Func<ValueTask> next, CancellationToken cancellationToken)
    {
        if (info.Operation == InterceptedOperation.Send)
        {
            info.StreamingPayload!.Tag = $"tag-{info.Sequence}";
        }

        return next();
    }

    public async ValueTask CountAsync(CountInfo info, Func<ValueTask> next, CancellationToken cancellationToken)
    {
        await next();
        if (info.Operation == InterceptedOperation.Call)
        {
            Opened++;
        }
        else if (info.StreamingResult is { } entry)
        {
            Counted.Add(entry.Seq);
            CountedSequences.Add(info.Sequence);
        }
    }

    public async ValueTask TotalAsync(TotalInfo info, Func<ValueTask> next, CancellationToken cancellationToken)
    {
        await next();
        if (info.Result is { } result)
        {
            Total = result.Count;
        }
    }
}
