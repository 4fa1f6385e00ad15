// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Grpc.Internal;

/// <summary>Combines an operation's token with the call's token without allocating when one of them cannot fire.</summary>
internal readonly struct LinkedToken : IDisposable
{
    private readonly CancellationTokenSource? _source;

    public LinkedToken(CancellationToken operation, CancellationToken call)
    {
        // The method's own token is usually the call's token: linking it to itself would cost a source per message.
        if (!operation.CanBeCanceled || operation == call)
        {
            Token = call;
        }
        else if (!call.CanBeCanceled)
        {
            Token = operation;
        }
        else
        {
            _source = CancellationTokenSource.CreateLinkedTokenSource(operation, call);
            Token = _source.Token;
        }
    }

    public CancellationToken Token { get; }

    public void Dispose() => _source?.Dispose();
}
