// Licensed under the MIT license. See LICENSE in the project root.

using Serow.InProcess;

namespace Serow.Runtime.Tests.Support;

/// <summary>A client stream derived the way generated code derives it, exposing the call for assertions.</summary>
public sealed class TestClientStream<TIn, TOut>(InProcessCall<TIn, TOut> call) : InProcessClientStream<TIn, TOut>(call)
{
    public InProcessCall<TIn, TOut> Exposed => Call;
}
