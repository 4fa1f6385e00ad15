// Licensed under the MIT license. See LICENSE in the project root.

using Microsoft.AspNetCore.Builder;
using Serow.Grpc;
using Streaming.Analytics;
using Streaming.Chat;
using Streaming.Demo;
using Streaming.Logger;
using Streaming.Monitor;
using Streaming.Server;
using Streaming.Services;

// The main job: start the example host, drive every seed flow over gRPC and over WebSocket with the generated
// clients, print a transcript, stop the host. `--in-process` runs the same flows without a network.
using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
var token = timeout.Token;
var output = Console.Out;
var flows = new SeedFlows(output);

if (args.Contains("--in-process"))
{
    var logs = new LogHub();
    var room = new ChatRoom();
    output.WriteLine("Serow streaming example: the four seed services, in process");
    await flows.RunAsync(new SeedClients("in-process",
        new MonitorInProcessClient(new MonitorService(logs)),
        new AnalyticsInProcessClient(new AnalyticsService(logs)),
        new ChatInProcessClient(new ChatService(room, logs)),
        new LoggerInProcessClient(new LoggerService(logs))), token);
    output.WriteLine();
    output.WriteLine("done: every flow completed");
    return 0;
}

var app = await StartHostAsync(args.Where(a => a != "--in-process").ToArray());
try
{
    var (grpc, http) = StreamingServer.Addresses(app);
    output.WriteLine($"Serow streaming example: host started, gRPC on {grpc}, HTTP and WebSocket on {http}");

    using (var channel = SerowGrpcChannel.Create(grpc))
    {
        await flows.RunAsync(new SeedClients("gRPC",
            new MonitorGrpcClient(channel),
            new AnalyticsGrpcClient(channel),
            new ChatGrpcClient(channel),
            new LoggerGrpcClient(channel)), token);
    }

    using (var httpClient = new HttpClient { BaseAddress = http })
    {
        await flows.RunAsync(new SeedClients("WebSocket",
            new MonitorHttpClient(httpClient),
            new AnalyticsHttpClient(httpClient),
            new ChatHttpClient(httpClient),
            new LoggerHttpClient(httpClient)), token);
    }

    output.WriteLine();
    output.WriteLine("done: every flow completed on gRPC and WebSocket; stopping the host");
}
finally
{
    await app.StopAsync(CancellationToken.None);
    await app.DisposeAsync();
}

return 0;

// Listens on the configured ports (8090 gRPC, 8080 HTTP by default); when one is taken, says so and uses free ports.
static async Task<WebApplication> StartHostAsync(string[] args)
{
    var app = StreamingServer.Build(args);
    try
    {
        await app.StartAsync();
        return app;
    }
    catch (IOException exception)
    {
        await app.DisposeAsync();
        Console.WriteLine($"note: {exception.Message}; using free ports instead");
        app = StreamingServer.Build(args, new StreamingServerOptions { GrpcPort = 0, HttpPort = 0 });
        await app.StartAsync();
        return app;
    }
}
