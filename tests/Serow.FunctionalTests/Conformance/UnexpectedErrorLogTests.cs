// Licensed under the MIT license. See LICENSE in the project root.

using System.Collections.Concurrent;
using Conformance.Conformance;
using Microsoft.Extensions.Logging;
using Serow.FunctionalTests.Grpc;
using Serow.FunctionalTests.Http;
using Serow.Grpc;
using Serow.Http;

namespace Serow.FunctionalTests.Conformance;

/// <summary>
/// An unexpected failure of a handler reaches the client as <c>internal</c> with an error id, and the server logs the
/// exception once with that same id and the trace id of the call, on every transport: the three can be matched.
/// </summary>
public sealed class UnexpectedErrorLogTests
{
    [Theory]
    [InlineData("grpc")]
    [InlineData("websocket")]
    [InlineData("sse")]
    public async Task UnexpectedHandlerFailure_IsLoggedOnceWithTheIdTheClientReceived(string transport)
    {
        var logs = new CapturingLogs();
        var service = new ConformanceService();
        await using var grpcHost = transport == "grpc" ? await GrpcTestHost.StartAsync(service, logs: logs) : null;
        await using var httpHost = transport == "grpc" ? null : await HttpTestHost.StartAsync(service, logs: logs);
        using var channel = grpcHost is null ? null : SerowGrpcChannel.Create(grpcHost.Address);
        using var http = httpHost?.CreateHttpClient();
        IConformanceClient client = transport switch
        {
            "grpc" => new ConformanceGrpcClient(channel!),
            "websocket" => new ConformanceHttpClient(http!),
            _ => new ConformanceHttpClient(http!, new SerowHttpClientOptions { ServerStreams = HttpServerStreams.ServerSentEvents }),
        };

        // An unknown view makes SetViewAsync throw ArgumentException inside the handler: a bug, not a designed error.
        using var telemetry = new TelemetryRecorder();
        ServiceError? error = null;
        var trace = await telemetry.InCallerAsync(async () => error = await Assert.ThrowsAnyAsync<ServiceError>(async () =>
        {
            await using var stream = await client.ItemsAsync(new ItemsPayload { Count = 1, View = "huge" }).DefaultTimeout();
            await stream.RecvAsync().DefaultTimeout();
        }));

        Assert.NotNull(error);
        Assert.Equal((ServiceError.InternalName, true), (error.Name, error.Fault));
        Assert.DoesNotContain("huge", error.Message, StringComparison.Ordinal);
        var entry = Assert.Single(logs.Entries, e => e.Level >= LogLevel.Error);
        Assert.Contains(error.Id, entry.Message, StringComparison.Ordinal);
        Assert.Contains($"trace {trace.ToHexString()}", entry.Message, StringComparison.Ordinal);
        Assert.IsType<ArgumentException>(entry.Exception);
    }

    private sealed class CapturingLogs : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Entries.Enqueue((logLevel, formatter(state, exception), exception));
            }
        }

        public void Dispose()
        {
        }
    }
}
