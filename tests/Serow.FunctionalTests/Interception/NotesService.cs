// Licensed under the MIT license. See LICENSE in the project root.

using Intercepted;
using Intercepted.Notes;

namespace Serow.FunctionalTests.Interception;

/// <summary>The notes handlers: they only record and echo, so every effect the tests see comes from an interceptor.</summary>
public sealed class NotesService(InterceptionLog log) : INotesService
{
    public Task<AddResult> AddAsync(AddPayload payload, CancellationToken cancellationToken)
    {
        log.Add($"handler:{payload.Text}");
        return Task.FromResult(new AddResult { Id = "note-" + payload.Text, Tenant = payload.Tenant, Trail = ["handler"] });
    }

    public async Task FeedAsync(FeedPayload payload, INotesFeedServerStream stream, CancellationToken cancellationToken)
    {
        for (var i = 1; i <= payload.Count; i++)
        {
            await stream.SendAsync(new Entry { Seq = i, Text = $"entry {i}" }, cancellationToken);
        }
    }

    public async Task CollectAsync(INotesCollectServerStream stream, CancellationToken cancellationToken)
    {
        var tags = new List<string>();
        var checkedCount = 0;
        await foreach (var note in stream.WithCancellation(cancellationToken))
        {
            tags.Add(note.Tag ?? "untagged");
            checkedCount += note.Checked == true ? 1 : 0;
        }

        await stream.SendAndCloseAsync(new CollectResult { Count = tags.Count, Tags = tags, Checked = checkedCount }, cancellationToken);
    }

    public async Task ChatAsync(INotesChatServerStream stream, CancellationToken cancellationToken)
    {
        var seq = 0L;
        await foreach (var note in stream.WithCancellation(cancellationToken))
        {
            await stream.SendAsync(new Entry { Seq = ++seq, Text = note.Text, Tag = note.Tag, Checked = note.Checked }, cancellationToken);
        }
    }
}

/// <summary>What the server's handlers and interceptors did, in order.</summary>
public sealed class InterceptionLog
{
    private readonly List<string> _entries = [];

    public void Add(string entry)
    {
        lock (_entries)
        {
            _entries.Add(entry);
        }
    }

    /// <summary>The entries that mention <paramref name="marker"/>, or are one of the markerless trace entries of that call.</summary>
    public IReadOnlyList<string> Snapshot()
    {
        lock (_entries)
        {
            return [.. _entries];
        }
    }
}
