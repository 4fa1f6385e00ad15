// Licensed under the MIT license. See LICENSE in the project root.

using Serow.InProcess.Internal;
using Serow.Streaming;

namespace Serow.Runtime.Tests.Support;

/// <summary>A client stream derived the way generated code derives it, exposing the call for assertions.</summary>
public sealed class TestClientStream<TIn, TOut>(ClientCall<TIn, TOut> call) : ClientStream<TIn, TOut>(call)
{
    public ExposedCall Exposed => new((InProcessClientCall<TIn, TOut>)Call);

    /// <summary>What tests observe of an in-process call.</summary>
    public readonly struct ExposedCall
    {
        private readonly InProcessClientCall<TIn, TOut> _call;

        internal ExposedCall(InProcessClientCall<TIn, TOut> call) => _call = call;

        /// <summary>Completes once the handler has finished and its outcome is known to the client.</summary>
        public Task Completion => _call.Handler;

        public bool IsAborted => _call.IsAborted;

        public CancellationToken ServerToken => _call.Server.Token;
    }
}
