// Licensed under the MIT license. See LICENSE in the project root.

using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Net.WebSockets;

namespace Serow.CommandLine.Internal;

/// <summary>
/// Explains, in one line, a call that failed before any Serow service answered: nothing listening at the address, a
/// gRPC call sent to an HTTP/1.1 port or a WebSocket sent to a gRPC port, a server without the method. The line names
/// the address tried and what was expected there.
/// </summary>
internal static class TransportFailure
{
    /// <summary>HTTP/2's HTTP_1_1_REQUIRED error code: the server only speaks HTTP/1.1 on that port.</summary>
    private const long Http11Required = 0xd;

    /// <summary>The line to print, or null when the failure is not the transport's (a service error, a cancellation).</summary>
    public static string? Describe(CliCall call, Exception exception)
    {
        if (exception is ServiceError { Name: Streaming.StreamErrors.ConnectionLostName })
        {
            // The server was reached: the connection broke afterwards.
            return $"{call.Service}.{call.Method}: connection_lost: the connection to {call.Url.ToString().TrimEnd('/')} broke before the server finished ({exception.Message}); --reconnect <attempts> resumes a resumable stream";
        }

        // A ServiceError with an inner exception was made from a transport status, not sent by a Serow service.
        var cause = exception switch
        {
            ServiceError { InnerException: { } inner } and not Validation.ValidationException when inner is not ServiceError => inner,
            HttpRequestException or WebSocketException or IOException => exception,
            _ => null,
        };
        if (cause is null)
        {
            return null;
        }

        var method = $"{call.Service}.{call.Method}";
        var url = call.Url.ToString().TrimEnd('/');
        var (expected, other) = Expectation(call);
        if (Find<SocketException>(cause) is { } socket)
        {
            return $"cannot reach {url} for {method} ({socket.Message}): expected {expected} listening there; is the server running, and is --url its address?";
        }

        if (Find<HttpProtocolException>(cause) is { ErrorCode: Http11Required })
        {
            return Http11Only(call);
        }

        if (Find<HttpRequestException>(cause) is { StatusCode: { } status })
        {
            return status switch
            {
                HttpStatusCode.NotFound => $"{url} has no {method} (HTTP 404): expected {expected} of this API; is --url the right server?",
                HttpStatusCode.BadRequest or HttpStatusCode.UpgradeRequired or HttpStatusCode.HttpVersionNotSupported
                    => $"{url} refused {method} with HTTP {(int)status}: expected {expected}; if {url} is the server's gRPC address, use --transport {other}",
                _ => $"{url} answered {method} with HTTP {(int)status} and no Serow error: expected {expected}",
            };
        }

        if (exception is ServiceError { Name: "unimplemented" })
        {
            return $"{url} does not serve {method} over gRPC (UNIMPLEMENTED): expected a gRPC server of this API; is --url the right server?";
        }

        var root = cause;
        while (root.InnerException is not null)
        {
            root = root.InnerException;
        }

        return $"{method} over {CommandRunner.Name(call.Transport)} at {url} failed in the transport: {root.Message}";
    }

    /// <summary>
    /// Describes a gRPC call whose HTTP/2 connection ended without a reason. An HTTP/1.1-only server answers the HTTP/2
    /// preface with HTTP_1_1_REQUIRED, but it may close the socket before the client reads that frame; one HTTP/1.1
    /// request to the address then tells an HTTP/1.1 port from a broken server. The handshake's failure is not classified
    /// reliably (InvalidResponse, ResponseEnded or Unknown depending on when the close is seen), so any HTTP failure without
    /// a status or a socket error is checked.
    /// </summary>
    public static async Task<string> RefineAsync(CliCall call, Exception exception, string described, CancellationToken cancellationToken)
    {
        if (call.Transport != CliTransport.Grpc
            || Find<HttpRequestException>(exception) is not { StatusCode: null }
            || Find<SocketException>(exception) is not null
            || Find<HttpProtocolException>(exception) is not null
            || !await AnswersHttp11Async(call.Url, cancellationToken).ConfigureAwait(false))
        {
            return described;
        }

        return Http11Only(call);
    }

    private static string Http11Only(CliCall call)
    {
        var url = call.Url.ToString().TrimEnd('/');
        var (expected, other) = Expectation(call);
        return $"{url} answered {call.Service}.{call.Method} with HTTP/1.1 only: expected {expected}; if {url} is the server's HTTP address, use --transport {other}";
    }

    private static (string Expected, string Other) Expectation(CliCall call) => call.Transport == CliTransport.Grpc
        ? ("a gRPC server (HTTP/2)", "http")
        : ("a Serow HTTP server (HTTP/1.1 with WebSockets)", "grpc");

    private static async Task<bool> AnswersHttp11Async(Uri url, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2) };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(3) };
        using var request = new HttpRequestMessage(HttpMethod.Get, url) { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            return response.Version.Major == 1;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    private static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is T found)
            {
                return found;
            }
        }

        return null;
    }
}
