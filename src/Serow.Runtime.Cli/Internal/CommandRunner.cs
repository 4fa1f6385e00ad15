// Licensed under the MIT license. See LICENSE in the project root.

using System.CommandLine;
using System.CommandLine.Parsing;
using System.Net.Http;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Serow.Internal;
using Serow.Validation;

namespace Serow.CommandLine.Internal;

/// <summary>Builds the command tree of a <see cref="CliApplication"/> and runs one command line.</summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(CliApplication app, string[] args, TextReader input, TextWriter output, TextWriter error, bool handleTermination, CancellationToken cancellationToken)
    {
        var root = Build(app, input, handleTermination ? new CliConsole() : null);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && !ParseErrorWriter.AsksForHelp(parse))
        {
            ParseErrorWriter.Write(parse, error, app.Name);
            return CliApplication.ExitUsage;
        }

        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
        };
        if (!handleTermination)
        {
            configuration.ProcessTerminationTimeout = null;
        }

        var exitCode = await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        return parse.Errors.Count > 0 ? CliApplication.ExitUsage : exitCode;
    }

    public static Command Build(CliApplication app, TextReader input, CliConsole? console = null)
    {
        var transports = app.Services.SelectMany(s => s.Methods).SelectMany(m => m.Transports).Distinct().Order().ToList();
        var transport = new Option<CliTransport?>("--transport", "-t")
        {
            Description = $"The transport: {string.Join(" or ", transports.Select(Name))}. Default: the method's first transport (see the method's --help).",
            HelpName = string.Join("|", transports.Select(Name)),
            Recursive = true,
            CustomParser = result => ParseTransport(result, transports),
        };
        transport.CompletionSources.Add(transports.Select(Name).ToArray());
        var url = new Option<Uri?>("--url", "-u")
        {
            Description = $"The server's address. Default: {Display(app.DefaultGrpcUrl)} for gRPC, {Display(app.DefaultHttpUrl)} for HTTP.",
            HelpName = "url",
            Recursive = true,
            CustomParser = ParseUrl,
        };

        var reconnect = new Option<int?>("--reconnect")
        {
            Description = "Reconnect a resumable server stream cut off by a lost connection or a stopping server, up to this many attempts in a row, resuming after the last result written. Default: no reconnect.",
            HelpName = "attempts",
            Recursive = true,
        };
        reconnect.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 0)
            {
                result.AddError("--reconnect must be 0 or more attempts.");
            }
        });

        var credentials = new CliCredentials();
        var root = new RootCommand(app.Description ?? $"Calls the services of {app.Name}.") { transport, url, reconnect };
        foreach (var option in credentials.All)
        {
            root.Options.Add(option);
        }

        foreach (var service in app.Services)
        {
            var command = new Command(service.Name, service.Description ?? $"The \"{service.Name}\" service.");
            foreach (var method in service.Methods)
            {
                command.Subcommands.Add(MethodCommand(app, service, method, transport, url, reconnect, credentials, input, console));
            }

            root.Subcommands.Add(command);
        }

        return root;
    }

    private static Command MethodCommand(CliApplication app, CliService service, CliMethod method, Option<CliTransport?> transport, Option<Uri?> url, Option<int?> reconnect, CliCredentials credentials, TextReader input, CliConsole? console)
    {
        var command = new Command(method.Name, Describe(method));
        var readers = new List<Func<ParseResult, (string Name, JsonNode? Value)?>>();
        Option<string?>? payload = null;
        if (method.HasPayload)
        {
            payload = new Option<string?>("--payload", "-p")
            {
                Description = method.Fields.Count > 0
                    ? "The whole payload as JSON; the attribute options override its members."
                    : "The payload as JSON.",
                HelpName = "json",
            };
            command.Options.Add(payload);
            foreach (var field in method.Fields)
            {
                var (option, read) = FieldOption(field);
                command.Options.Add(option);
                readers.Add(read);
            }
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var chosen = parse.GetValue(transport) ?? method.Transports[0];
            if (!method.Transports.Contains(chosen))
            {
                await error.WriteLineAsync($"error: {service.Name}.{method.Name} is not served over {Name(chosen)}; use --transport {string.Join(" or ", method.Transports.Select(Name))}.").ConfigureAwait(false);
                return CliApplication.ExitUsage;
            }

            var address = parse.GetValue(url) ?? (chosen == CliTransport.Grpc ? app.DefaultGrpcUrl : app.DefaultHttpUrl);
            JsonNode? ReadPayload()
            {
                var text = payload is null ? null : parse.GetValue(payload);
                var node = text is null ? (method.Fields.Count > 0 ? new JsonObject() : null) : CliJson.Parse(text, "--payload");
                var values = readers.Select(r => r(parse)).OfType<(string Name, JsonNode? Value)>().ToList();
                if (values.Count > 0)
                {
                    if (node is not JsonObject obj)
                    {
                        throw new ValidationException([new ValidationError(string.Empty, "decode", "--payload must be a JSON object when attribute options are given")]);
                    }

                    foreach (var (name, value) in values)
                    {
                        obj[name] = value;
                    }
                }

                return node;
            }

            Security.CallCredentials? callCredentials;
            try
            {
                callCredentials = credentials.Read(parse);
            }
            catch (ArgumentException e)
            {
                await error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
                return CliApplication.ExitUsage;
            }

            await using var call = new CliCall(chosen, address, service.Name, method.Name, method.Fields, ReadPayload, input, parse.InvocationConfiguration.Output, console)
            {
                Credentials = callCredentials,
                Reconnect = parse.GetValue(reconnect) is > 0 and var attempts ? new Streaming.StreamReconnectOptions { MaxAttempts = attempts } : null,
            };
            return await InvokeAsync(method, call, error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> InvokeAsync(CliMethod method, CliCall call, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            await method.InvokeAsync(call, cancellationToken).ConfigureAwait(false);
            return CliApplication.ExitOk;
        }
        catch (Exception exception) when (TransportFailure.Describe(call, exception) is { } failure)
        {
            failure = await TransportFailure.RefineAsync(call, exception, failure, cancellationToken).ConfigureAwait(false);
            await error.WriteLineAsync("error: " + failure).ConfigureAwait(false);
            return CliApplication.ExitTransport;
        }
        catch (InvalidInputException exception)
        {
            await WriteErrorAsync(error, exception.Error).ConfigureAwait(false);
            return CliApplication.ExitServiceError;
        }
        catch (ServiceError exception)
        {
            await WriteErrorAsync(error, exception).ConfigureAwait(false);
            return CliApplication.ExitServiceError;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return CliApplication.ExitCancelled;
        }
        catch (Exception exception) when (exception is NotSupportedException or TimeoutException or OperationCanceledException)
        {
            await error.WriteLineAsync($"error: transport: {call.Service}.{call.Method} over {Name(call.Transport)} at {call.Url}: {exception.Message}").ConfigureAwait(false);
            return CliApplication.ExitTransport;
        }
    }

    /// <summary>
    /// Writes <c>error: &lt;name&gt;: &lt;message&gt;</c>; a validation error writes one such line per violation instead
    /// (each violation's message names its field and rule), so nothing is said twice.
    /// </summary>
    public static async Task WriteErrorAsync(TextWriter error, ServiceError exception)
    {
        if (exception is ValidationException { Errors.Count: > 0 } validation)
        {
            foreach (var violation in validation.Errors)
            {
                await error.WriteLineAsync($"error: {exception.Name}: {violation.Message}").ConfigureAwait(false);
            }
        }
        else
        {
            await error.WriteLineAsync($"error: {exception.Name}: {exception.Message}").ConfigureAwait(false);
        }

        await error.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>One line, so the service's command list stays readable: the design's description, the transports and how input and output flow.</summary>
    private static string Describe(CliMethod method)
    {
        var description = (method.Description ?? $"Calls the \"{method.Name}\" method.").Trim().ReplaceLineEndings(" ");
        var transports = string.Join(", ", method.Transports.Select((t, i) => i == 0 && method.Transports.Count > 1 ? Name(t) + " (default)" : Name(t)));
        var flow = method.Kind switch
        {
            CliMethodKind.ServerStream => "prints each result as a JSON line",
            CliMethodKind.ClientStream => "sends each stdin line as a JSON message",
            CliMethodKind.Bidirectional => "sends each stdin line as a JSON message, prints each result as a JSON line",
            _ => "prints the result as JSON",
        };
        return $"{description} [{transports}; {flow}]";
    }

    private static (Option Option, Func<ParseResult, (string, JsonNode?)?> Read) FieldOption(CliField field)
    {
        var notes = new List<string>();
        if (field.Required)
        {
            notes.Add("required");
        }

        if (field.Default is not null)
        {
            notes.Add("default: " + field.Default);
        }

        if (field.Limits is not null)
        {
            notes.Add(field.Limits);
        }

        var description = (field.Description ?? $"The \"{field.Name}\" attribute.") + (notes.Count > 0 ? $" ({string.Join("; ", notes)})" : string.Empty);
        return field.Kind switch
        {
            CliFieldKind.Boolean => Typed<bool>(field, description, "bool", v => JsonValue.Create(v)),
            CliFieldKind.Int32 => Typed<int>(field, description, "int", v => JsonValue.Create(v)),
            CliFieldKind.Int64 => Typed<long>(field, description, "int64", v => JsonValue.Create(v)),
            CliFieldKind.UInt32 => Typed<uint>(field, description, "uint", v => JsonValue.Create(v)),
            CliFieldKind.UInt64 => Typed<ulong>(field, description, "uint64", v => JsonValue.Create(v)),
            CliFieldKind.Float32 => Typed<float>(field, description, "float", v => JsonValue.Create(v)),
            CliFieldKind.Float64 => Typed<double>(field, description, "double", v => JsonValue.Create(v)),
            CliFieldKind.String => Typed<string>(field, description, "string", v => JsonValue.Create(v)),
            CliFieldKind.Bytes => Typed<string>(field, description + " Base64.", "base64", v => JsonValue.Create(v)),
            _ => Json(field, description),
        };
    }

    private static (Option, Func<ParseResult, (string, JsonNode?)?>) Typed<T>(CliField field, string description, string helpName, Func<T, JsonNode?> toJson)
    {
        var option = new Option<T>(field.Option) { Description = description, HelpName = helpName };
        return (option, parse => parse.GetResult(option) is { Implicit: false } ? (field.Name, toJson(parse.GetValue(option)!)) : null);
    }

    private static (Option, Func<ParseResult, (string, JsonNode?)?>) Json(CliField field, string description)
    {
        var option = new Option<JsonNode?>(field.Option)
        {
            Description = description + " JSON.",
            HelpName = "json",
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                try
                {
                    return JsonNode.Parse(text);
                }
                catch (System.Text.Json.JsonException exception)
                {
                    result.AddError($"{field.Option} is not JSON: {exception.Message}");
                    return null;
                }
            },
        };
        return (option, parse => parse.GetResult(option) is { Implicit: false } ? (field.Name, parse.GetValue(option)) : null);
    }

    private static CliTransport? ParseTransport(ArgumentResult result, IReadOnlyList<CliTransport> transports)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        foreach (var transport in transports)
        {
            if (string.Equals(Name(transport), text, StringComparison.OrdinalIgnoreCase))
            {
                return transport;
            }
        }

        result.AddError($"'{text}' is not a transport of this API; use {string.Join(" or ", transports.Select(Name))}.");
        return null;
    }

    private static Uri? ParseUrl(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri;
        }

        result.AddError($"'{text}' is not an http:// or https:// address.");
        return null;
    }

    private static string Display(Uri url) => url.ToString().TrimEnd('/');

    public static string Name(CliTransport transport) => transport switch
    {
        CliTransport.Grpc => "grpc",
        _ => "http",
    };
}
