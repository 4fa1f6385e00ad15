// Licensed under the MIT license. See LICENSE in the project root.

using Grpc.Core;

namespace Serow.Grpc;

/// <summary>
/// The gRPC call a service method is running in: request metadata, response headers and trailers. Available through
/// <see cref="Current"/> while a generated gRPC service runs the method (it flows across awaits), null elsewhere,
/// for example under the in-process client.
/// </summary>
/// <remarks>
/// The object is made on first use of <see cref="Current"/> in a call, and one call has one: what flows with the call
/// is grpc-dotnet's own <see cref="ServerCallContext"/>.
/// </remarks>
public sealed class GrpcCallContext
{
    private static readonly AsyncLocal<ServerCallContext?> Ambient = new();
    private static readonly object UserStateKey = new();
    private Metadata? _responseHeaders;

    private GrpcCallContext(ServerCallContext server) => Server = server;

    /// <summary>The call the current service method serves, or null outside a gRPC call.</summary>
    public static GrpcCallContext? Current => Ambient.Value is { } server ? Of(server) : null;

    /// <summary>grpc-dotnet's context of the call: peer, deadline, auth context and the ASP.NET Core <c>HttpContext</c>.</summary>
    public ServerCallContext Server { get; }

    /// <summary>The request metadata sent by the client.</summary>
    public Metadata RequestHeaders => Server.RequestHeaders;

    /// <summary>
    /// Response headers to send; Serow sends them, with its own, before the first message (or with the response).
    /// Add entries before the first message is sent.
    /// </summary>
    public Metadata ResponseHeaders => _responseHeaders ??= [];

    /// <summary>Response trailers sent when the call ends; Serow adds its error trailers to them.</summary>
    public Metadata ResponseTrailers => Server.ResponseTrailers;

    /// <summary>The call's deadline (<see cref="DateTime.MaxValue"/> when none).</summary>
    public DateTime Deadline => Server.Deadline;

    /// <summary>
    /// Makes <paramref name="server"/> the current call. Not undone here: the async method that runs the call (the
    /// invoker's or grpc-dotnet's) restores its caller's context when it returns.
    /// </summary>
    internal static void Enter(ServerCallContext server) => Ambient.Value = server;

    /// <summary>The response headers the method added, or null when it added none (without making the context).</summary>
    internal static Metadata? ResponseHeadersOf(ServerCallContext server)
    {
        if (server.GetHttpContext() is { } http)
        {
            return http.Features.Get<GrpcCallContext>()?._responseHeaders;
        }

        return server.UserState.TryGetValue(UserStateKey, out var context) ? ((GrpcCallContext)context)._responseHeaders : null;
    }

    private static GrpcCallContext Of(ServerCallContext server)
    {
        // Kept with the call (a feature of its HttpContext) so that every Current of the call sees the same headers.
        if (server.GetHttpContext() is { } http)
        {
            if (http.Features.Get<GrpcCallContext>() is not { } existing)
            {
                existing = new GrpcCallContext(server);
                http.Features.Set(existing);
            }

            return existing;
        }

        if (!server.UserState.TryGetValue(UserStateKey, out var context))
        {
            context = new GrpcCallContext(server);
            server.UserState[UserStateKey] = context;
        }

        return (GrpcCallContext)context;
    }
}
