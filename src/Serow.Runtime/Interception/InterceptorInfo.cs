// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Interception;

/// <summary>
/// The base of the generated <c>…Info</c> class of each design interceptor: which call and operation it runs around;
/// the generated class adds typed access to exactly the attributes the interceptor declares.
/// </summary>
public abstract class InterceptorInfo
{
    /// <summary>Creates the info over the call it describes.</summary>
    /// <param name="call">The call or message the interceptor runs around.</param>
    protected InterceptorInfo(InterceptedCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        Call = call;
    }

    /// <summary>The service's design name.</summary>
    public string Service => Call.Service;

    /// <summary>The method's design name.</summary>
    public string Method => Call.Method;

    /// <summary>Whether this runs on the server or in a client.</summary>
    public InterceptorSide Side => Call.Side;

    /// <summary>What the interceptor runs around now.</summary>
    public InterceptedOperation Operation => Call.Operation;

    /// <summary>For a streamed message, its number in its direction, from 1; 0 for the call.</summary>
    public long Sequence => Call.Sequence;

    /// <summary>The call or message untyped (as Goa's raw payload and result): what the generated accessors read.</summary>
    public InterceptedCall Call { get; }
}
