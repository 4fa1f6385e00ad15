// Licensed under the MIT license. See LICENSE in the project root.

using Serow.ConformanceHost;

// serve                          the conformance service on gRPC (h2c) and HTTP, on free ports of 127.0.0.1
// client <grpc> <http> <count> [gws]   open <count> server and bidirectional streams over gRPC (g), WebSocket (w) and
//                                       Server-Sent Events (s; its bidirectional streams use WebSockets), then wait to be killed
return args switch
{
    ["serve"] => await ConformanceServer.RunAsync(),
    ["client", var grpc, var http, var count] => await StreamHolder.RunAsync(new Uri(grpc), new Uri(http), int.Parse(count, System.Globalization.CultureInfo.InvariantCulture), "gws"),
    ["client", var grpc, var http, var count, var kinds] => await StreamHolder.RunAsync(new Uri(grpc), new Uri(http), int.Parse(count, System.Globalization.CultureInfo.InvariantCulture), kinds),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Serow.ConformanceHost serve | client <grpc url> <http url> <count>");
    return 2;
}
