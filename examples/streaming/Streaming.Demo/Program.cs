// Licensed under the MIT license. See LICENSE in the project root.

using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Serow.Grpc;
using Serow.Http;
using Serow.InProcess;
using Serow.Security;
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
    var room = new ChatRoom(ChatTopics.InMemory());
    var counter = new ChatMessageCounter();
    var chat = new ChatService(room, logs);
    var logger = new LoggerService(logs);

    // In process, an authorizer stands for the host's authentication: this one trusts every caller as "demo".
    var trusted = new InProcessOptions { Authorizer = CallAuthorizers.Trust(new ClaimsPrincipal(new ClaimsIdentity([new Claim("name", "demo")], "demo"))) };
    output.WriteLine("Serow streaming example: the four seed services, in process");
    await flows.RunAsync(new SeedClients("in-process",
        new MonitorInProcessClient(new MonitorService(logs)),
        new AnalyticsInProcessClient(new AnalyticsService(logs)),
        new ChatInProcessClient(chat, new ChatInterceptors(counter), trusted),
        new LoggerInProcessClient(logger, trusted),
        new ChatInProcessClient(chat, new ChatInterceptors(counter)),
        new LoggerInProcessClient(logger)), token);
    output.WriteLine();
    output.WriteLine(Counted(counter));
    output.WriteLine("done: every flow completed");
    return 0;
}

var app = await StartHostAsync(args.Where(a => a != "--in-process").ToArray());
try
{
    var (grpc, http) = StreamingServer.Addresses(app);
    output.WriteLine($"Serow streaming example: host started, gRPC on {grpc}, HTTP and WebSocket on {http}");
    using var httpClient = new HttpClient { BaseAddress = http };

    // A token from the host's development issuer, and the API key the host printed at startup.
    using var issued = await httpClient.PostAsync("dev/token?user=demo", null, token);
    issued.EnsureSuccessStatusCode();
    var credentials = CallCredentials.Combine(
        CallCredentials.BearerToken(await issued.Content.ReadAsStringAsync(token)),
        CallCredentials.ApiKey(app.Services.GetRequiredService<DevelopmentCredentials>().ApiKey));
    output.WriteLine("credentials: a token from POST /dev/token?user=demo for chat.connect, the host's API key for logger.manage");

    using (var channel = SerowGrpcChannel.Create(grpc))
    {
        var secured = new SerowGrpcClientOptions { Credentials = credentials };
        await flows.RunAsync(new SeedClients("gRPC",
            new MonitorGrpcClient(channel),
            new AnalyticsGrpcClient(channel),
            new ChatGrpcClient(channel, secured),
            new LoggerGrpcClient(channel, secured),
            new ChatGrpcClient(channel),
            new LoggerGrpcClient(channel)), token);
    }

    var securedHttp = new SerowHttpClientOptions { Credentials = credentials };
    await flows.RunAsync(new SeedClients("WebSocket",
        new MonitorHttpClient(httpClient),
        new AnalyticsHttpClient(httpClient),
        new ChatHttpClient(httpClient, securedHttp),
        new LoggerHttpClient(httpClient, securedHttp),
        new ChatHttpClient(httpClient),
        new LoggerHttpClient(httpClient))
    {
        RoomEvents = new ChatHttpClient(httpClient, new SerowHttpClientOptions { Credentials = credentials, ServerStreams = HttpServerStreams.ServerSentEvents }),
    }, token);

    output.WriteLine();
    output.WriteLine(Counted(app.Services.GetRequiredService<ChatMessageCounter>()));
    output.WriteLine("done: every flow completed on gRPC and WebSocket; stopping the host");
}
finally
{
    await app.StopAsync(CancellationToken.None);
    await app.DisposeAsync();
}

return 0;

// What the design's "count" interceptor saw on the server, around every chat message of every transport.
static string Counted(ChatMessageCounter counter) =>
    $"count interceptor: the server counted {counter.Total} chat messages ({string.Join(", ", counter.ByUser.Select(p => $"{p.Key} {p.Value}"))})";

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
