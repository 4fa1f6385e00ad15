// Licensed under the MIT license. See LICENSE in the project root.

using Streaming.Server;

var app = StreamingServer.Build(args);
await app.StartAsync();
var (grpc, http) = StreamingServer.Addresses(app);
var credentials = app.Services.GetRequiredService<Streaming.Services.DevelopmentCredentials>();
Console.WriteLine($"Serving gRPC on {grpc} and HTTP on {http} (open {http} in a browser). Ctrl+C stops.");
Console.WriteLine($"chat.connect needs a token: curl -X POST '{http}dev/token?user=ann' (then --token TOKEN or SEROW_TOKEN).");
Console.WriteLine($"logger.manage needs the API key {credentials.ApiKey} (X-API-Key, or --api-key / SEROW_API_KEY).");
await app.WaitForShutdownAsync();
