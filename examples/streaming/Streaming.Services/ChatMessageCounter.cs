// Licensed under the MIT license. See LICENSE in the project root.

using System.Collections.Concurrent;
using Streaming.Chat;
using Streaming.Interceptors;

namespace Streaming.Services;

/// <summary>How many chat messages each member has sent, as the design's "count" interceptor sees them.</summary>
public sealed class ChatMessageCounter
{
    private readonly ConcurrentDictionary<string, int> _byUser = new(StringComparer.Ordinal);

    public void Count(string user) => _byUser.AddOrUpdate(user, 1, static (_, count) => count + 1);

    public int Total => _byUser.Values.Sum();

    public IReadOnlyDictionary<string, int> ByUser => new SortedDictionary<string, int>(_byUser, StringComparer.Ordinal);
}

/// <summary>The chat service's server interceptors: "count" runs around every message a member sends, on every transport.</summary>
public sealed class ChatInterceptors(ChatMessageCounter counter) : IChatServerInterceptors
{
    public async ValueTask CountAsync(CountInfo info, Func<ValueTask> next, CancellationToken cancellationToken)
    {
        await next();
        if (info.StreamingPayload is { } message)
        {
            counter.Count(message.UserId);
        }
    }
}
