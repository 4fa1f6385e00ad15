// Licensed under the MIT license. See LICENSE in the project root.

using System.Text.Json.Serialization;
using Serow.CommandLine;
using Serow.Streaming;

namespace Serow.Cli.Tests.CliClient;

/// <summary>The command-line runtime without a network: payload options, --payload, output and exit codes, with methods written by hand.</summary>
public sealed class CliRuntimeTests
{
    public sealed class Order
    {
        [JsonPropertyName("item_name")]
        public required string ItemName { get; set; }

        [JsonPropertyName("count")]
        public int Count { get; set; }

        [JsonPropertyName("gift")]
        public bool Gift { get; set; }

        [JsonPropertyName("tags")]
        public List<string>? Tags { get; set; }
    }

    private static CliApplication App(Func<CliCall, CancellationToken, Task> invoke, CliMethodKind kind = CliMethodKind.Unary, bool objectPayload = true) => new()
    {
        Name = "shop-cli",
        Services =
        [
            new CliService
            {
                Name = "orders",
                Description = "Takes orders.",
                Methods =
                [
                    new CliMethod
                    {
                        Name = "place",
                        Description = "Places an order.",
                        Kind = kind,
                        Transports = [CliTransport.Http],
                        HasPayload = true,
                        Fields = objectPayload
                            ?
                            [
                                new("item_name", "--item-name", CliFieldKind.String, "What to order", Required: true),
                                new("count", "--count", CliFieldKind.Int32, "How many", Default: "1", Limits: ">= 1, <= 10"),
                                new("gift", "--gift", CliFieldKind.Boolean, "Wrap it"),
                                new("tags", "--tags", CliFieldKind.Json, "Labels"),
                            ]
                            : [],
                        InvokeAsync = invoke,
                    },
                ],
            },
        ],
    };

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(CliApplication app, string input, params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var exitCode = await app.RunAsync(args, new StringReader(input), output, error).WaitAsync(TimeSpan.FromSeconds(15));
        return (exitCode, output.ToString(), error.ToString());
    }

    private static readonly Func<CliCall, CancellationToken, Task> Echo = (call, token) => call.WriteResultAsync(call.ReadPayload<Order>(), token);

    [Fact]
    public async Task Options_OverrideTheMembersOfPayloadJson()
    {
        var run = await RunAsync(App(Echo), string.Empty,
            "orders", "place", "--payload", """{"item_name":"tea","count":1,"tags":["a"]}""", "--count", "3", "--gift", "--tags", """["x","y"]""");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("""{"item_name":"tea","count":3,"gift":true,"tags":["x","y"]}""" + "\n", run.Output);
    }

    [Fact]
    public async Task CallUsesTheMethodsOnlyTransportAndItsDefaultUrl()
    {
        var app = App((call, token) => call.WriteResultAsync($"{call.Transport} {call.Url} {call.Service}.{call.Method}", token));

        var run = await RunAsync(app, string.Empty, "orders", "place", "--item-name", "tea");

        Assert.Equal("\"Http http://127.0.0.1:8080/ orders.place\"\n", run.Output);
    }

    [Fact]
    public async Task TransportTheMethodIsNotServedOver_IsAUsageError()
    {
        var run = await RunAsync(App(Echo), string.Empty, "--transport", "grpc", "orders", "place", "--item-name", "tea");

        // The API offers only http, so grpc is refused while parsing.
        Assert.Equal(CliApplication.ExitUsage, run.ExitCode);
        Assert.Contains("'grpc' is not a transport of this API; use http.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadOptionValues_AreUsageErrors()
    {
        var count = await RunAsync(App(Echo), string.Empty, "orders", "place", "--item-name", "tea", "--count", "many");
        var tags = await RunAsync(App(Echo), string.Empty, "orders", "place", "--item-name", "tea", "--tags", "[oops");

        Assert.Equal(CliApplication.ExitUsage, count.ExitCode);
        Assert.Contains("many", count.Error, StringComparison.Ordinal);
        Assert.Equal(CliApplication.ExitUsage, tags.ExitCode);
        Assert.Contains("--tags is not JSON", tags.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PayloadThatDoesNotFitTheType_IsADecodeValidationError()
    {
        var run = await RunAsync(App(Echo), string.Empty, "orders", "place", "--payload", """{"item_name":"tea","count":"three"}""");

        Assert.Equal(CliApplication.ExitServiceError, run.ExitCode);
        Assert.Equal("error: invalid_message: payload is not valid: field \"count\" must be an integer\n", run.Error);
    }

    [Fact]
    public async Task MethodHelp_ShowsEachFieldsTypeRequiredMarkDefaultAndLimits()
    {
        var run = await RunAsync(App(Echo), string.Empty, "orders", "place", "--help");

        Assert.Equal(CliApplication.ExitOk, run.ExitCode);
        // Help wraps long lines to the console's width: compared with runs of white space made one space.
        var help = System.Text.RegularExpressions.Regex.Replace(run.Output, @"\s+", " ");
        Assert.Contains("--item-name <string> What to order (required)", help, StringComparison.Ordinal);
        Assert.Contains("--count <int> How many (default: 1; >= 1, <= 10)", help, StringComparison.Ordinal);
        Assert.Contains("--gift <bool> Wrap it", help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MisspelledPayloadField_IsRefusedWithTheValidNamesAndASuggestion()
    {
        var run = await RunAsync(App(Echo), string.Empty, "orders", "place", "--payload", """{"item_name":"tea","cuont":2,"colour":"red"}""");

        Assert.Equal(CliApplication.ExitServiceError, run.ExitCode);
        Assert.Equal(
            "error: invalid_message: payload: unknown field \"cuont\"; did you mean \"count\"? (fields: item_name, count, gift, tags)\n" +
            "error: invalid_message: payload: unknown field \"colour\" (fields: item_name, count, gift, tags)\n",
            run.Error);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task UsageErrors_AreOneLineEach_WithASuggestionAndWhereTheHelpIs()
    {
        var command = await RunAsync(App(Echo), string.Empty, "ordres", "place");
        var option = await RunAsync(App(Echo), string.Empty, "orders", "place", "--item-nam", "tea");
        var value = await RunAsync(App(Echo), string.Empty, "orders", "place", "--item-name", "tea", "--count", "two");
        var missing = await RunAsync(App(Echo), string.Empty, "orders");

        Assert.All([command, option, value, missing], run => Assert.Equal(CliApplication.ExitUsage, run.ExitCode));
        Assert.Equal("error: 'shop-cli' has no command or argument 'ordres'; did you mean 'orders'?\nRun 'shop-cli --help' for usage.\n", command.Error);
        Assert.Equal("error: 'shop-cli orders place' has no option '--item-nam'; did you mean '--item-name'?\nRun 'shop-cli orders place --help' for usage.\n", option.Error);
        Assert.Equal("error: --count expects an integer, not 'two'\nRun 'shop-cli orders place --help' for usage.\n", value.Error);
        Assert.Equal("error: 'shop-cli orders' needs a command: place\nRun 'shop-cli orders --help' for usage.\n", missing.Error);
        Assert.All([command, option, value, missing], run => Assert.Empty(run.Output));
    }

    [Fact]
    public async Task NonObjectPayload_IsGivenWithPayloadOnly()
    {
        var app = App((call, token) => call.WriteResultAsync(call.ReadPayload<string>().ToUpperInvariant(), token), objectPayload: false);

        var missing = await RunAsync(app, string.Empty, "orders", "place");
        var given = await RunAsync(app, string.Empty, "orders", "place", "--payload", "\"tea\"");

        Assert.Equal(CliApplication.ExitServiceError, missing.ExitCode);
        Assert.Equal("error: invalid_message: the payload is required (give --payload)\n", missing.Error);
        Assert.Equal("\"TEA\"\n", given.Output);
    }

    [Fact]
    public async Task ServiceError_PrintsNameAndMessageAndExitsWithOne()
    {
        var app = App((_, _) => Task.FromException(new ServiceError("out_of_stock", "no tea left")));

        var run = await RunAsync(app, string.Empty, "orders", "place", "--item-name", "tea");

        Assert.Equal(CliApplication.ExitServiceError, run.ExitCode);
        Assert.Equal("error: out_of_stock: no tea left\n", run.Error);
        Assert.Equal(string.Empty, run.Output);
    }

    [Fact]
    public async Task ClientStream_SendsEachNonBlankInputLineUntilEndOfInput()
    {
        var sent = new Recorder();
        var app = App(async (call, token) =>
        {
            await call.SendInputAsync(sent, token);
            await call.WriteResultAsync(sent.Messages.Count, token);
        }, CliMethodKind.ClientStream, objectPayload: false);

        var run = await RunAsync(app, """{"item_name":"a"}""" + "\n\n" + """{"item_name":"b","count":2}""" + "\n", "orders", "place");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("2\n", run.Output);
        Assert.Equal(["a", "b"], sent.Messages.Select(m => m.ItemName));
    }

    [Fact]
    public async Task ServiceHelp_ListsMethodsOnOneLineEach()
    {
        var run = await RunAsync(App(Echo), string.Empty, "orders", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Takes orders.", run.Output, StringComparison.Ordinal);
        Assert.Contains("place  Places an order. [http; prints the result as JSON]", run.Output, StringComparison.Ordinal);
    }

    private sealed class Recorder : IStreamSender<Order>
    {
        public List<Order> Messages { get; } = [];

        public ValueTask SendAsync(Order message, CancellationToken cancellationToken = default)
        {
            Messages.Add(message);
            return ValueTask.CompletedTask;
        }
    }
}
