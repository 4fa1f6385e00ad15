// Licensed under the MIT license. See LICENSE in the project root.

using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serow.Http;
using Serow.Http.WebSockets;
using Serow.Streaming;

namespace Serow.Http.Tests.Runtime;

public sealed class Note
{
    [JsonPropertyName("text")]
    public string? Text { get; set; }

    [JsonPropertyName("count")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Count { get; set; }
}

[JsonSerializable(typeof(Note))]
internal sealed partial class TestJsonContext : JsonSerializerContext;

/// <summary>
/// A real Kestrel server (127.0.0.1, free port) whose endpoints are wired by hand with the runtime, the way generated
/// handlers are: POST /notes (REST) and GET /notes/{mode} (a bidirectional WebSocket stream of notes).
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    private static readonly WebSocketContract<Note, Note> Contract = new()
    {
        Stream = new StreamContract<Note, Note>
        {
            Service = "test",
            Method = "notes",
            ValidateIncoming = static (note, report) => report.Required("text", note.Text),
        },
        In = SerowJson.TypeInfo<Note>(TestJsonContext.Default),
        Out = SerowJson.TypeInfo<Note>(TestJsonContext.Default),
    };

    private readonly WebApplication _app;

    private TestServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public Uri WebSocketAddress(string path) => new(Address.ToString().Replace("http://", "ws://", StringComparison.Ordinal) + path.TrimStart('/'));

    /// <summary>Completes with true when a stream handler saw its token fire.</summary>
    public TaskCompletionSource<bool> HandlerCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many stream handlers have started.</summary>
    public int Started;

    /// <param name="configure">The server's HTTP options.</param>
    /// <param name="protocols">One protocol setting for the endpoint (HTTP/2 only, for example); HTTP/1.1 and HTTP/2 when null.</param>
    public static async Task<TestServer> StartAsync(Action<SerowHttpOptions>? configure = null, Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols? protocols = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen =>
            listen.Protocols = protocols ?? Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http1AndHttp2));

        builder.Logging.ClearProviders();
        SerowHttpServices.Add(builder.Services, "test", configure);
        var app = builder.Build();
        TestServer? server = null;
        app.MapPost("/notes", context => NotesAsync(context));
        // GET opens a WebSocket over HTTP/1.1, CONNECT over HTTP/2 (RFC 8441), as the generated endpoints map them.
        app.MapMethods("/notes/{mode}", ["GET", "CONNECT"], context => StreamAsync(context, server!));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new TestServer(app, new Uri(address + "/"));
        return server;
    }

    private static async Task NotesAsync(HttpContext context)
    {
        var call = HttpServerCall.Start(context, "test", name => name == "teapot" ? 418 : null);
        try
        {
            var note = await call.ReadBodyAsync(SerowJson.TypeInfo<Note>(TestJsonContext.Default), isObject: true);
            if (call.TryQuery<int>("count", "count", false, out var count))
            {
                note.Count = count;
            }

            call.Report.Required("text", note.Text);
            if (note.Count is { } c)
            {
                call.Report.Minimum("count", c, 1);
            }

            call.ThrowIfInvalid();
            await (note.Text switch
            {
                "teapot" => throw new ServiceError("teapot", "short and stout"),
                "slow" => throw new ServiceError("slow", "too slow", temporary: true, timeout: true),
                "crash" => throw new InvalidOperationException("secret details"),
                _ => call.WriteResultAsync(200, note, SerowJson.TypeInfo<Note>(TestJsonContext.Default)),
            });
        }
        catch (Exception e)
        {
            await call.WriteErrorAsync(e);
        }
    }

    /// <summary>How many results the <c>burst</c> modes send in a row.</summary>
    public const int BurstCount = 3000;

    private static async Task StreamAsync(HttpContext context, TestServer server)
    {
        var call = HttpServerCall.Start(context, "test", name => name == "teapot" ? 418 : null);
        var mode = (string)context.Request.RouteValues["mode"]!;
        await WebSocketServerInvoker.RunAsync(call, Contract, (mode, server), static async (state, socketCall, token) =>
        {
            var (mode, server) = state;
            var stream = new ServerStream<Note, Note>(socketCall);
            Interlocked.Increment(ref server.Started);
            try
            {
                switch (mode)
                {
                    case "refuse":
                        throw new ServiceError("teapot", "refused before streaming");
                    case "wait":
                        await stream.SendAsync(new Note { Text = "ready" }, token);
                        await Task.Delay(Timeout.Infinite, token);
                        break;
                    case "burst" or "burst-fail":
                        for (var i = 0; i < BurstCount; i++)
                        {
                            await stream.SendAsync(new Note { Text = "result " + i }, token);
                        }

                        if (mode == "burst-fail")
                        {
                            throw new ServiceError("teapot", "failed after the burst");
                        }

                        break;
                    case "fail":
                        await stream.SendAsync(new Note { Text = "one" }, token);
                        throw new ServiceError("teapot", "failed after streaming");
                    default:
                        while (await stream.RecvAsync(token) is { } note)
                        {
                            await stream.SendAsync(new Note { Text = "echo: " + note.Text }, token);
                        }

                        await stream.SendAsync(new Note { Text = "bye" }, token);
                        break;
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                server.HandlerCancelled.TrySetResult(true);
                throw;
            }
        });
    }

    public HttpClient CreateClient() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(15) };

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}

internal static class Timeouts
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(15);

    public static Task<T> DefaultTimeout<T>(this Task<T> task) => task.WaitAsync(Default);

    public static Task DefaultTimeout(this Task task) => task.WaitAsync(Default);

    public static CancellationToken Token() => new CancellationTokenSource(Default).Token;
}
