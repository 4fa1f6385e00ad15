// Licensed under the MIT license. See LICENSE in the project root.

namespace Streaming.Server;

/// <summary>Where the example host listens. Both bind to 127.0.0.1; 0 picks a free port.</summary>
public sealed class StreamingServerOptions
{
    /// <summary>The gRPC port (HTTP/2 without TLS).</summary>
    public int GrpcPort { get; set; } = 8090;

    /// <summary>The HTTP port: REST, WebSocket streams and the web page.</summary>
    public int HttpPort { get; set; } = 8080;

    /// <summary>How often the host publishes a heartbeat to the "system" log topic, so the logger always has something live to show.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The API key of logger.manage (<c>--ApiKey</c>); a new random key each run when not given.</summary>
    public string? ApiKey { get; set; }

    /// <summary>A Redis (<c>host:port</c>) whose streams carry the chat room and the logs, shared by every host using it (<c>--Redis</c>); in this process when not given.</summary>
    public string? Redis { get; set; }

    /// <summary>How many log entries the Redis log topic keeps for followers that resume (<c>--LogRetention</c>); 1,000,000 by default.</summary>
    public int LogRetention { get; set; } = 1_000_000;

    /// <summary>Whether Serow's traces and metrics are printed to the console (<c>--telemetry</c>).</summary>
    public bool Telemetry { get; set; }
}
