// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Interception;

/// <summary>
/// The call or message the interceptors of one chain run around, read by the generated <c>…Info</c> classes. A stream
/// keeps one per direction and updates it for each message, so an interceptor must not keep it beyond its call.
/// </summary>
public sealed class InterceptedCall
{
    internal InterceptedCall(string service, string method, InterceptorSide side, InterceptedOperation operation, object? payload)
    {
        Service = service;
        Method = method;
        Side = side;
        Operation = operation;
        Payload = payload;
    }

    /// <summary>The service's design name.</summary>
    public string Service { get; }

    /// <summary>The method's design name.</summary>
    public string Method { get; }

    /// <summary>Whether this runs on the server or in a client.</summary>
    public InterceptorSide Side { get; }

    /// <summary>What the chain runs around.</summary>
    public InterceptedOperation Operation { get; }

    /// <summary>For <see cref="InterceptedOperation.Send"/> and <see cref="InterceptedOperation.Receive"/>, the message's number in its direction, from 1; 0 for the call.</summary>
    public long Sequence { get; internal set; }

    /// <summary>The call's payload, when the method has one (also while its stream's messages pass).</summary>
    public object? Payload { get; }

    /// <summary>A unary call's result once the call returned, or a client stream's final result as it passes.</summary>
    public object? Result { get; internal set; }

    /// <summary>The client's streamed message passing now; null at the end of the stream.</summary>
    public object? StreamingPayload { get; internal set; }

    /// <summary>The server's streamed result passing now; null at the end of the stream.</summary>
    public object? StreamingResult { get; internal set; }

    /// <summary>"service.method", for messages.</summary>
    internal string Label => $"{Service}.{Method}";
}
