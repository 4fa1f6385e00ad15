// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.InProcess.Internal;

/// <summary>Serializes the sends of one side so concurrent senders keep the stream consistent.</summary>
internal sealed class SendGate
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);

    public async ValueTask<bool> WaitAsync(CancellationToken cancellationToken)
    {
        await _semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public void Release() => _semaphore.Release();
}
