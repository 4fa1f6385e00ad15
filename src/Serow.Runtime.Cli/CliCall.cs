// Licensed under the MIT license. See LICENSE in the project root.

using System.Text.Json;
using System.Text.Json.Nodes;
using Serow.CommandLine.Internal;
using Serow.Streaming;
using Serow.Validation;

namespace Serow.CommandLine;

/// <summary>
/// One invocation of a method from the command line: the chosen transport and address, the payload read from the
/// options, and the standard streams. Generated code creates the typed client and calls the helpers here.
/// </summary>
public sealed class CliCall : IAsyncDisposable
{
    private readonly Func<JsonNode?> _payload;
    private readonly IReadOnlyList<CliField> _fields;
    private readonly List<IDisposable> _resources = [];
    private readonly TextReader _input;
    private readonly TextWriter _output;
    private readonly CliConsole? _console;

    internal CliCall(CliTransport transport, Uri url, string service, string method, IReadOnlyList<CliField> fields, Func<JsonNode?> payload, TextReader input, TextWriter output, CliConsole? console)
    {
        _console = console;
        Transport = transport;
        Url = url;
        Service = service;
        Method = method;
        _fields = fields;
        _payload = payload;
        _input = input;
        _output = output;
    }

    /// <summary>The transport chosen with <c>--transport</c>, or the method's default.</summary>
    public CliTransport Transport { get; }

    /// <summary>The server's address, from <c>--url</c> or the transport's default.</summary>
    public Uri Url { get; }

    /// <summary>
    /// The credentials given with <c>--token</c>, <c>--api-key</c> and <c>--user</c> (or their environment variables),
    /// for the generated client's options; null when none.
    /// </summary>
    public Security.CallCredentials? Credentials { get; init; }

    /// <summary>
    /// How resumable server streams reconnect (<c>--reconnect attempts</c>), for the generated client's options; null
    /// when not asked.
    /// </summary>
    public StreamReconnectOptions? Reconnect { get; init; }

    /// <summary>The service's designed name.</summary>
    public string Service { get; }

    /// <summary>The method's designed name.</summary>
    public string Method { get; }

    /// <summary>Keeps a resource (a channel, an HttpClient) until the call ends, then disposes it.</summary>
    /// <typeparam name="T">The resource's type.</typeparam>
    /// <param name="resource">The resource.</param>
    /// <returns>The same resource.</returns>
    public T Use<T>(T resource)
        where T : IDisposable
    {
        ArgumentNullException.ThrowIfNull(resource);
        _resources.Add(resource);
        return resource;
    }

    /// <summary>
    /// Reads the payload: <c>--payload</c> JSON if given, with every attribute option given on top. A required attribute
    /// given nowhere, or JSON that does not fit the type, throws <see cref="ValidationException"/>.
    /// </summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <returns>The payload.</returns>
    public T ReadPayload<T>()
    {
        var node = _payload();
        var report = new ValidationReport();
        CliJson.CheckMembers(node, typeof(T), "payload", report);
        if (node is JsonObject obj)
        {
            foreach (var field in _fields.Where(f => f.Required && obj[f.Name] is null))
            {
                report.Add(field.Name, "required", $"field \"{field.Name}\" is required (give {field.Option} or set it in --payload)");
            }
        }
        else if (node is null)
        {
            report.Add(string.Empty, "required", "the payload is required (give --payload)");
        }

        report.ThrowIfInvalid();
        return CliJson.Deserialize<T>(node, "payload");
    }

    /// <summary>Writes one result as one line of JSON.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="result">The result.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the line is written and flushed.</returns>
    public async Task WriteResultAsync<T>(T result, CancellationToken cancellationToken = default)
    {
        await _output.WriteLineAsync(CliJson.Serialize(result).AsMemory(), cancellationToken).ConfigureAwait(false);
        await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes every message of a server stream as one JSON line, until the server ends the stream.</summary>
    /// <typeparam name="T">The message type.</typeparam>
    /// <param name="stream">The stream.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes at the end of the stream; a server failure throws its typed error.</returns>
    public async Task WriteStreamAsync<T>(IStreamReceiver<T> stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        while (await stream.RecvAsync(cancellationToken).ConfigureAwait(false) is { } message)
        {
            await WriteResultAsync(message, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends every line of standard input as one message, until the end of input.</summary>
    /// <typeparam name="T">The message type.</typeparam>
    /// <param name="stream">The stream.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the input has been sent.</returns>
    public async Task SendInputAsync<T>(IStreamSender<T> stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        await foreach (var message in JsonLines.ReadAsync<T>(_input, cancellationToken).ConfigureAwait(false))
        {
            await stream.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs a bidirectional stream: sends each line of standard input while writing each result as one JSON line;
    /// the end of input half-closes the stream, and the call ends when the server ends it.
    /// </summary>
    /// <typeparam name="TIn">The type of messages sent.</typeparam>
    /// <typeparam name="TOut">The type of messages received.</typeparam>
    /// <param name="sender">The sending side.</param>
    /// <param name="receiver">The receiving side.</param>
    /// <param name="halfClose">The stream's half-close.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the server ends the stream; a server failure throws its typed error.</returns>
    public async Task DuplexAsync<TIn, TOut>(IStreamSender<TIn> sender, IStreamReceiver<TOut> receiver, IHalfClosableStream halfClose, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(halfClose);
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var receiving = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Exception? inputError = null;
        var send = Task.Run(async () =>
        {
            try
            {
                await SendInputAsync(sender, sending.Token).ConfigureAwait(false);
                await halfClose.CloseSendAsync(sending.Token).ConfigureAwait(false);
            }
            catch (InvalidInputException exception)
            {
                // A line that is not a message ends the call; the server is not waited for.
                inputError = exception.Error;
                await receiving.CancelAsync().ConfigureAwait(false);
            }
        }, CancellationToken.None);

        try
        {
            await WriteStreamAsync(receiver, receiving.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (inputError is not null)
        {
            throw inputError;
        }
        finally
        {
            // The server ended the stream (or failed): whatever is still to be read from the input is not sent. A read
            // blocked on a terminal is left behind; the process ends without it.
            await sending.CancelAsync().ConfigureAwait(false);
            _ = send.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
        }
    }

    /// <summary>Standard input as bytes, for a method whose request body is raw (<c>SkipRequestBodyEncodeDecode</c>).</summary>
    /// <returns>The stream; the call disposes it.</returns>
    public Stream OpenInput()
    {
        if (_console is not null)
        {
            return Use(_console.OpenInput());
        }

        // Not the console: the reader's text, as UTF-8.
        return Use(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(_input.ReadToEnd()), writable: false));
    }

    /// <summary>Copies a raw response body (<c>SkipResponseBodyEncodeDecode</c>) to standard output.</summary>
    /// <param name="body">The body.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    /// <returns>A task that completes when the body has been copied.</returns>
    public async Task WriteBodyAsync(Stream body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (_console is not null)
        {
            await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
            using var stdout = _console.OpenOutput();
            await body.CopyToAsync(stdout, cancellationToken).ConfigureAwait(false);
            await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        using var reader = new StreamReader(body, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        await _output.WriteAsync((await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false)).AsMemory(), cancellationToken).ConfigureAwait(false);
        await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        for (var i = _resources.Count - 1; i >= 0; i--)
        {
            _resources[i].Dispose();
        }

        _resources.Clear();
        return ValueTask.CompletedTask;
    }
}
