// Licensed under the MIT license. See LICENSE in the project root.

using System.Net;
using System.Net.Sockets;

namespace Streaming.ScaleOut;

/// <summary>
/// Connects an HttpClient to the first host of a list that accepts the connection, as a client behind DNS with several
/// addresses would: when host B is gone, the next connection (a reconnect) lands on host A.
/// </summary>
internal static class FailoverConnector
{
    public static SocketsHttpHandler Handler(IReadOnlyList<Uri> hosts, Action<Uri> connected) => new()
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            List<Exception> failures = [];
            foreach (var host in hosts)
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new DnsEndPoint(host.Host, host.Port), cancellationToken);
                    connected(host);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch (SocketException e)
                {
                    socket.Dispose();
                    failures.Add(e);
                }
            }

            throw new AggregateException("no host accepted the connection", failures);
        },
    };
}
