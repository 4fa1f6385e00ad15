// Licensed under the MIT license. See LICENSE in the project root.

using System.Buffers;
using System.Net;
using System.Runtime.ExceptionServices;

namespace Serow.Grpc.Internal;

/// <summary>
/// Lets the request messages of client and bidirectional streams leave in batches. Grpc.Net.Client flushes the HTTP/2
/// request stream after every message, whatever <c>WriteFlags.BufferHint</c> says, so each message costs a DATA frame
/// and a wake-up of the connection's writer. This handler gives such a request a stream that sends at once when
/// nothing is in flight and otherwise gathers the messages written meanwhile into the next write: the bytes and their
/// gRPC framing are unchanged, only the DATA frames carry several messages.
/// </summary>
internal sealed class WriteCoalescingHandler : DelegatingHandler
{
    public WriteCoalescingHandler(HttpMessageHandler inner)
        : base(inner)
    {
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Only the request streams of client and bidirectional calls (grpc-dotnet's PushStreamContent); unary requests go as they are.
        if (request.Content is { } content && content.GetType().Name.StartsWith("PushStreamContent", StringComparison.Ordinal))
        {
            request.Content = new CoalescingContent(content);
        }

        return base.SendAsync(request, cancellationToken);
    }

    private sealed class CoalescingContent : HttpContent
    {
        private readonly HttpContent _inner;

        public CoalescingContent(HttpContent inner)
        {
            _inner = inner;
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            var coalescing = new CoalescingStream(stream);
            await _inner.CopyToAsync(coalescing, context, cancellationToken).ConfigureAwait(false);
            await coalescing.DrainAsync().ConfigureAwait(false);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

/// <summary>
/// A write-only stream over an HTTP/2 request stream: writes append to a buffer; a flush starts sending the buffer
/// unless a send is in flight, in which case that send's loop takes the new bytes next. Writers wait only when
/// <see cref="Limit"/> bytes are waiting behind a send in flight (backpressure). A failed send fails the next write.
/// One writer at a time (grpc-dotnet allows one pending write per call).
/// </summary>
internal sealed class CoalescingStream(Stream inner) : Stream
{
    /// <summary>The most bytes gathered behind a send in flight before writers wait.</summary>
    public const int Limit = 64 * 1024;

    private readonly Lock _gate = new();
    private ArrayBufferWriter<byte> _filling = new(4096);
    private ArrayBufferWriter<byte> _spare = new(4096);
    private Task _sending = Task.CompletedTask;
    private bool _inFlight;
    private ExceptionDispatchInfo? _failure;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Task waitFor;
        lock (_gate)
        {
            _failure?.Throw();
            waitFor = _inFlight && _filling.WrittenCount >= Limit ? _sending : Task.CompletedTask;
        }

        await waitFor.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _failure?.Throw();
            _filling.Write(buffer.Span);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _failure?.Throw();
            if (_inFlight || _filling.WrittenCount == 0)
            {
                return Task.CompletedTask;
            }

            _inFlight = true;
        }

        // Started outside the lock: the first send begins on this thread, as grpc-dotnet's own flush would.
        var sending = SendLoopAsync();
        lock (_gate)
        {
            _sending = sending;
        }

        return Task.CompletedTask;
    }

    /// <summary>Sends everything written so far and waits for it; throws the failure of any send.</summary>
    public async Task DrainAsync()
    {
        await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        Task sending;
        lock (_gate)
        {
            sending = _sending;
        }

        await sending.ConfigureAwait(false);
        _failure?.Throw();
    }

    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private async Task SendLoopAsync()
    {
        try
        {
            while (true)
            {
                ArrayBufferWriter<byte> batch;
                lock (_gate)
                {
                    if (_filling.WrittenCount == 0)
                    {
                        _inFlight = false;
                        return;
                    }

                    batch = _filling;
                    _filling = _spare;
                    _spare = null!;
                }

                await inner.WriteAsync(batch.WrittenMemory).ConfigureAwait(false);
                await inner.FlushAsync().ConfigureAwait(false);
                batch.ResetWrittenCount();
                lock (_gate)
                {
                    _spare = batch;
                }
            }
        }
        catch (Exception e)
        {
            lock (_gate)
            {
                _failure = ExceptionDispatchInfo.Capture(e);
                _inFlight = false;
            }
        }
    }
}
