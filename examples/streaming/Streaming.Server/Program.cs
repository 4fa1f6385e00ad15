// Licensed under the MIT license. See LICENSE in the project root.

using Streaming.Server;

var app = StreamingServer.Build(args);
await app.StartAsync();
var (grpc, http) = StreamingServer.Addresses(app);
Console.WriteLine($"Serving gRPC on {grpc} and HTTP on {http} (open {http} in a browser). Ctrl+C stops.");
await app.WaitForShutdownAsync();
