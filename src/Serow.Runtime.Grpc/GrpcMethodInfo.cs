// Licensed under the MIT license. See LICENSE in the project root.

using Grpc.Core;

namespace Serow.Grpc;

/// <summary>What generated gRPC glue tells the runtime about one method: its names and the status codes of its designed errors.</summary>
/// <param name="Service">The service's designed name.</param>
/// <param name="Method">The method's designed name.</param>
/// <param name="ErrorCodes">The status code of each designed error the design maps (<c>Response("boom", CodeUnavailable)</c>).</param>
public sealed record GrpcMethodInfo(string Service, string Method, IReadOnlyDictionary<string, StatusCode> ErrorCodes)
{
    /// <summary>"service.method", for messages.</summary>
    public string DisplayName => Service + "." + Method;
}
