// Licensed under the MIT license. See LICENSE in the project root.

using System.Buffers;
using System.Net.ServerSentEvents;
using System.Threading.Tasks.Sources;

namespace Serow.Http.ServerSentEvents.Internal;

/// <summary>
/// Hands a call's events, one at a time, to .NET's <see cref="SseFormatter"/>, which pulls them as an
/// <see cref="IAsyncEnumerable{T}"/>: <see cref="WriteAsync"/> offers an event and completes once the formatter has
/// written it and asks for the next one. The formatter's loop resumes on the thread that offers (no thread-pool hop),
/// and with a destination that completes its writes at once the whole hand-over is synchronous and allocates nothing.
/// </summary>
/// <remarks>One writer at a time (the call's send gate); one enumeration (the formatter's).</remarks>
/// <typeparam name="T">The events' data.</typeparam>
internal sealed class SseEventSource<T> : IAsyncEnumerable<SseItem<T>>, IAsyncEnumerator<SseItem<T>>, IValueTaskSource<bool>, IValueTaskSource
{
    // The formatter's wait for the next event, and the writer's wait for its event to be written.
    private ManualResetValueTaskSourceCore<bool> _next = new() { RunContinuationsAsynchronously = false };
    private ManualResetValueTaskSourceCore<bool> _written = new() { RunContinuationsAsynchronously = true };
    private SseItem<T> _current;
    private SseItem<T> _offered;
    private bool _hasOffer;
    private bool _writing;
    private bool _formatterWaits;
    private bool _writerWaits;
    private bool _completed;
    private Exception? _failure;

    public SseItem<T> Current => _current;

    /// <summary>Starts the formatter on <paramref name="destination"/>; it ends after <see cref="Complete"/>.</summary>
    public Task StartAsync(Stream destination, Action<SseItem<T>, IBufferWriter<byte>> formatData)
    {
        var formatting = SseFormatter.WriteAsync(this, destination, formatData, CancellationToken.None);
        if (!formatting.IsCompleted)
        {
            _ = formatting.ContinueWith(static (task, state) => ((SseEventSource<T>)state!).Fail(task.Exception!.InnerException!), this, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return formatting;
    }

    /// <summary>Offers one event; completes once the formatter has written it to the destination.</summary>
    /// <exception cref="IOException">The formatter failed (its exception is the inner one).</exception>
    public ValueTask WriteAsync(SseItem<T> item)
    {
        bool wake;
        lock (this)
        {
            if (_failure is { } failure)
            {
                return ValueTask.FromException(new IOException("Writing a Server-Sent Event failed.", failure));
            }

            wake = _formatterWaits;
            if (wake)
            {
                _formatterWaits = false;
                _current = item;
                _writing = true;
            }
            else
            {
                _offered = item;
                _hasOffer = true;
            }
        }

        if (wake)
        {
            // The formatter writes the event on this thread and comes back for the next one before this returns.
            _next.SetResult(true);
        }

        lock (this)
        {
            if (_failure is { } failure)
            {
                return ValueTask.FromException(new IOException("Writing a Server-Sent Event failed.", failure));
            }

            if (!_writing && !_hasOffer)
            {
                return default;
            }

            _written.Reset();
            _writerWaits = true;
            return new ValueTask(this, _written.Version);
        }
    }

    /// <summary>No more events: the formatter's enumeration ends once it has written the last one.</summary>
    public void Complete()
    {
        bool wake;
        lock (this)
        {
            _completed = true;
            wake = _formatterWaits;
            _formatterWaits = false;
        }

        if (wake)
        {
            _next.SetResult(false);
        }
    }

    public IAsyncEnumerator<SseItem<T>> GetAsyncEnumerator(CancellationToken cancellationToken = default) => this;

    public ValueTask<bool> MoveNextAsync()
    {
        bool written;
        ValueTask<bool> next;
        lock (this)
        {
            // Asking for the next event means the current one is written.
            written = _writing && _writerWaits;
            _writerWaits &= !written;
            _writing = false;
            if (_hasOffer)
            {
                _current = _offered;
                _offered = default;
                _hasOffer = false;
                _writing = true;
                next = new ValueTask<bool>(true);
            }
            else if (_completed)
            {
                next = new ValueTask<bool>(false);
            }
            else
            {
                _next.Reset();
                _formatterWaits = true;
                next = new ValueTask<bool>(this, _next.Version);
            }
        }

        if (written)
        {
            _written.SetResult(true);
        }

        return next;
    }

    public ValueTask DisposeAsync() => default;

    private void Fail(Exception failure)
    {
        bool release;
        lock (this)
        {
            _failure ??= failure;
            release = _writerWaits;
            _writerWaits = false;
        }

        if (release)
        {
            _written.SetException(new IOException("Writing a Server-Sent Event failed.", failure));
        }
    }

    bool IValueTaskSource<bool>.GetResult(short token) => _next.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _next.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _next.OnCompleted(continuation, state, token, flags);

    void IValueTaskSource.GetResult(short token) => _written.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _written.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _written.OnCompleted(continuation, state, token, flags);
}
