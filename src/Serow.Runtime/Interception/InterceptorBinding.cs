// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Interception;

/// <summary>
/// Runs one interceptor around an operation: the interceptor calls <paramref name="next"/> once to let the operation
/// (and the interceptors inside it) happen.
/// </summary>
/// <param name="next">The rest of the chain and the operation itself.</param>
/// <param name="cancellationToken">The call's or the message's token.</param>
public delegate ValueTask InterceptorStep(Func<ValueTask> next, CancellationToken cancellationToken);

/// <summary>
/// One design interceptor applied to one method, as generated code declares it: its name, the operations it runs
/// around, and how to bind the user's implementation to a call.
/// </summary>
/// <typeparam name="TInterceptors">The generated per-service interceptors interface.</typeparam>
/// <param name="Name">The interceptor's design name.</param>
/// <param name="Operations">The operations it runs around on this method.</param>
/// <param name="Bind">Creates the step for one call or one stream direction (its info is created once there).</param>
public sealed record InterceptorBinding<TInterceptors>(string Name, InterceptedOperations Operations, Func<TInterceptors, InterceptedCall, InterceptorStep> Bind);
