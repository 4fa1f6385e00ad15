// Licensed under the MIT license. See LICENSE in the project root.

using System.Buffers;

namespace Serow.Http.Internal;

/// <summary>
/// A buffer writer over an array rented from the shared pool for one message at a time: <see cref="Release"/> gives the
/// array back, so a stream between messages holds none.
/// </summary>
internal sealed class RentedBufferWriter : IBufferWriter<byte>
{
    private const int MinimumSize = 256;

    [ThreadStatic]
    private static RentedBufferWriter? t_spare;

    private byte[] _array = [];
    private int _written;

    /// <summary>Takes the calling thread's spare writer (empty), or a new one.</summary>
    public static RentedBufferWriter TakeSpare()
    {
        var spare = t_spare ?? new RentedBufferWriter();
        t_spare = null;
        return spare;
    }

    /// <summary>Releases the array and keeps this writer as the spare of the thread the caller ended on.</summary>
    public void ReleaseAsSpare()
    {
        Release();
        t_spare = this;
    }

    /// <summary>What has been written since the last <see cref="Release"/>.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _array.AsMemory(0, _written);

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        // Reserve may replace the array, so it runs before the array is read.
        var start = Reserve(sizeHint);
        return _array.AsMemory(start);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        var start = Reserve(sizeHint);
        return _array.AsSpan(start);
    }

    /// <summary>Forgets what was written and returns the array to the pool.</summary>
    public void Release()
    {
        _written = 0;
        if (_array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_array);
            _array = [];
        }
    }

    private int Reserve(int sizeHint)
    {
        var needed = _written + Math.Max(sizeHint, 1);
        if (needed > _array.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, Math.Max(MinimumSize, _array.Length * 2)));
            _array.AsSpan(0, _written).CopyTo(larger);
            if (_array.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_array);
            }

            _array = larger;
        }

        return _written;
    }
}
