// Licensed under the MIT license. See LICENSE in the project root.

using Microsoft.AspNetCore.SignalR;

namespace Serow.Benchmarks.ScaleOut;

/// <summary>The SignalR side: clients only listen; host A sends ticks to all clients through the Redis backplane.</summary>
public sealed class FeedHub : Hub
{
}
