// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.CommandLine;

/// <summary>A transport a command-line client can call a method over.</summary>
public enum CliTransport
{
    /// <summary>gRPC over HTTP/2 (h2c for <c>http://</c> addresses).</summary>
    Grpc,

    /// <summary>HTTP: REST for unary methods, WebSockets for streams.</summary>
    Http,
}

/// <summary>The streaming pattern of a method, which decides how the client uses standard input and output.</summary>
public enum CliMethodKind
{
    /// <summary>One payload, one result printed as one JSON line.</summary>
    Unary,

    /// <summary>One payload; every streamed result is printed as one JSON line.</summary>
    ServerStream,

    /// <summary>Every line of standard input is sent as one message; the final result, if any, is printed.</summary>
    ClientStream,

    /// <summary>Lines of standard input are sent while results are printed as JSON lines.</summary>
    Bidirectional,
}

/// <summary>How a payload attribute's option value is read from the command line.</summary>
public enum CliFieldKind
{
    /// <summary>A boolean; <c>--flag</c> alone means true.</summary>
    Boolean,

    /// <summary>A 32-bit signed integer.</summary>
    Int32,

    /// <summary>A 64-bit signed integer.</summary>
    Int64,

    /// <summary>A 32-bit unsigned integer.</summary>
    UInt32,

    /// <summary>A 64-bit unsigned integer.</summary>
    UInt64,

    /// <summary>A 32-bit floating point number.</summary>
    Float32,

    /// <summary>A 64-bit floating point number.</summary>
    Float64,

    /// <summary>A string.</summary>
    String,

    /// <summary>Bytes, given as base64.</summary>
    Bytes,

    /// <summary>Any other value (object, array, map, any), given as JSON.</summary>
    Json,
}

/// <summary>One payload attribute offered as a command-line option.</summary>
/// <param name="Name">The attribute's wire name, for example <c>event_type</c>.</param>
/// <param name="Option">The option's name with its dashes, for example <c>--event-type</c>.</param>
/// <param name="Kind">How the value is parsed.</param>
/// <param name="Description">The design's description, shown by <c>--help</c>.</param>
/// <param name="Required">Whether the design requires the attribute.</param>
/// <param name="Default">The design's default value as a JSON literal, shown by <c>--help</c>; null when there is none.</param>
/// <param name="Limits">The design's validations in a short phrase (for example <c>&gt;= 1, &lt;= 1000</c>), shown by <c>--help</c>.</param>
public sealed record CliField(string Name, string Option, CliFieldKind Kind, string? Description = null, bool Required = false, string? Default = null, string? Limits = null);

/// <summary>A method of a service, as a command.</summary>
public sealed class CliMethod
{
    /// <summary>The method's designed name, which is the command's name.</summary>
    public required string Name { get; init; }

    /// <summary>The design's description, shown by <c>--help</c>.</summary>
    public string? Description { get; init; }

    /// <summary>The method's streaming pattern.</summary>
    public required CliMethodKind Kind { get; init; }

    /// <summary>The transports the method is served over; the first is the default.</summary>
    public required IReadOnlyList<CliTransport> Transports { get; init; }

    /// <summary>Whether the method has a payload (then <c>--payload</c> and the field options are offered).</summary>
    public bool HasPayload { get; init; }

    /// <summary>The payload's attributes offered as options; empty when the payload is not an object.</summary>
    public IReadOnlyList<CliField> Fields { get; init; } = [];

    /// <summary>Calls the method with the typed client of the chosen transport.</summary>
    public required Func<CliCall, CancellationToken, Task> InvokeAsync { get; init; }
}

/// <summary>A service, as a command holding one sub-command per method.</summary>
public sealed class CliService
{
    /// <summary>The service's designed name, which is the command's name.</summary>
    public required string Name { get; init; }

    /// <summary>The design's description, shown by <c>--help</c>.</summary>
    public string? Description { get; init; }

    /// <summary>The methods, in design order.</summary>
    public required IReadOnlyList<CliMethod> Methods { get; init; }
}
