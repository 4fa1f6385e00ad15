// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Interception;

/// <summary>
/// The interceptors of one method on one side, bound to the user's implementation for one call. Generated code creates
/// one per call; the call and each stream direction build their chain from it.
/// </summary>
public abstract class InterceptorSet
{
    private protected InterceptorSet(string service, string method, InterceptorSide side, int count)
    {
        Service = service;
        Method = method;
        Side = side;
        Count = count;
    }

    /// <summary>The service's design name.</summary>
    public string Service { get; }

    /// <summary>The method's design name.</summary>
    public string Method { get; }

    /// <summary>Server or client.</summary>
    public InterceptorSide Side { get; }

    private protected int Count { get; }

    /// <summary>Binds the method's interceptors, outermost first, to the user's implementation.</summary>
    /// <typeparam name="TInterceptors">The generated per-service interceptors interface.</typeparam>
    /// <param name="interceptors">The user's implementation.</param>
    /// <param name="bindings">The method's interceptors in the order they run, outermost first.</param>
    /// <param name="service">The service's design name.</param>
    /// <param name="method">The method's design name.</param>
    /// <param name="side">Server or client.</param>
    /// <returns>The set for one call.</returns>
    public static InterceptorSet Create<TInterceptors>(
        TInterceptors interceptors, IReadOnlyList<InterceptorBinding<TInterceptors>> bindings, string service, string method, InterceptorSide side)
    {
        ArgumentNullException.ThrowIfNull(interceptors);
        ArgumentNullException.ThrowIfNull(bindings);
        return new Bound<TInterceptors>(interceptors, bindings, service, method, side);
    }

    internal InterceptedCall NewCall(InterceptedOperation operation, object? payload) => new(Service, Method, Side, operation, payload);

    /// <summary>The chain of the interceptors that run around <paramref name="call"/>'s operation; null when none does.</summary>
    internal InterceptorPipeline? Pipeline(InterceptedCall call, Func<CancellationToken, ValueTask> operation)
    {
        var wanted = call.Operation switch
        {
            InterceptedOperation.Call => InterceptedOperations.Call,
            InterceptedOperation.Send => InterceptedOperations.Send,
            _ => InterceptedOperations.Receive,
        };
        var steps = new List<(string, InterceptorStep)>(Count);
        for (var i = 0; i < Count; i++)
        {
            if ((Operations(i) & wanted) != 0)
            {
                steps.Add((Name(i), Bind(i, call)));
            }
        }

        return steps.Count == 0 ? null : new InterceptorPipeline(call, steps, operation);
    }

    private protected abstract string Name(int index);

    private protected abstract InterceptedOperations Operations(int index);

    private protected abstract InterceptorStep Bind(int index, InterceptedCall call);

    private sealed class Bound<TInterceptors>(
        TInterceptors interceptors, IReadOnlyList<InterceptorBinding<TInterceptors>> bindings, string service, string method, InterceptorSide side)
        : InterceptorSet(service, method, side, bindings.Count)
    {
        private protected override string Name(int index) => bindings[index].Name;

        private protected override InterceptedOperations Operations(int index) => bindings[index].Operations;

        private protected override InterceptorStep Bind(int index, InterceptedCall call) => bindings[index].Bind(interceptors, call);
    }
}
