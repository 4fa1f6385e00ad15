// Licensed under the MIT license. See LICENSE in the project root.

using Grpc.Core;

namespace Serow.Grpc;

/// <summary>
/// The gRPC call a service method is running in: request metadata, response headers and trailers. Available through
/// <see cref="Current"/> while a generated gRPC service runs the method (it flows across awaits), null elsewhere,
/// for example under the in-process client.
/// </summary>
public sealed class GrpcCallContext
{
    private static readonly AsyncLocal<GrpcCallContext?> Ambient = new();

    internal GrpcCallContext(ServerCallContext server) => Server = server;

    /// <summary>The call the current service method serves, or null outside a gRPC call.</summary>
    public static GrpcCallContext? Current => Ambient.Value;

    /// <summary>grpc-dotnet's context of the call: peer, deadline, auth context and the ASP.NET Core <c>HttpContext</c>.</summary>
    public ServerCallContext Server { get; }

    /// <summary>The request metadata sent by the client.</summary>
    public Metadata RequestHeaders => Server.RequestHeaders;

    /// <summary>
    /// Response headers to send; Serow sends them, with its own, before the first message (or with the response).
    /// Add entries before the first message is sent.
    /// </summary>
    public Metadata ResponseHeaders { get; } = [];

    /// <summary>Response trailers sent when the call ends; Serow adds its error trailers to them.</summary>
    public Metadata ResponseTrailers => Server.ResponseTrailers;

    /// <summary>The call's deadline (<see cref="DateTime.MaxValue"/> when none).</summary>
    public DateTime Deadline => Server.Deadline;

    internal static Scope Enter(GrpcCallContext context)
    {
        var previous = Ambient.Value;
        Ambient.Value = context;
        return new Scope(previous);
    }

    internal readonly struct Scope(GrpcCallContext? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
