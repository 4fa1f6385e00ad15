// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Interception;

/// <summary>Where an interceptor runs: in the server, around the handler, or in a generated client.</summary>
public enum InterceptorSide
{
    /// <summary>Applied with <c>ServerInterceptor</c>: runs on the server around the handler and its streams.</summary>
    Server,

    /// <summary>Applied with <c>ClientInterceptor</c>: runs in the generated client around the call and its streams.</summary>
    Client,
}
