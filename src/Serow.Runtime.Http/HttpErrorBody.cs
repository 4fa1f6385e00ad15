// Licensed under the MIT license. See LICENSE in the project root.

using System.Text.Json.Serialization;

namespace Serow.Http;

/// <summary>
/// The JSON body of an HTTP error response, of a WebSocket error frame and of the <c>Serow-Error</c> header: a
/// <see cref="ServiceError"/> on the wire.
/// </summary>
public sealed class HttpErrorBody
{
    /// <summary>The error's designed name, for example <c>not_found</c>; <c>invalid_message</c> for validation failures.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>The id of this occurrence, for correlating logs.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>A message for the caller.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; init; }

    /// <summary>Whether retrying may succeed.</summary>
    [JsonPropertyName("temporary")]
    public bool Temporary { get; init; }

    /// <summary>Whether the error is a timeout.</summary>
    [JsonPropertyName("timeout")]
    public bool Timeout { get; init; }

    /// <summary>Whether the error is a server fault.</summary>
    [JsonPropertyName("fault")]
    public bool Fault { get; init; }

    /// <summary>Every violation, for <c>invalid_message</c>.</summary>
    [JsonPropertyName("errors")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<HttpErrorField>? Errors { get; init; }
}

/// <summary>One violated rule in an <see cref="HttpErrorBody"/>.</summary>
public sealed class HttpErrorField
{
    /// <summary>The path of the field, for example <c>items[2].name</c>.</summary>
    [JsonPropertyName("field")]
    public required string Field { get; init; }

    /// <summary>The rule, for example <c>maxLength</c>.</summary>
    [JsonPropertyName("rule")]
    public required string Rule { get; init; }

    /// <summary>A readable message.</summary>
    [JsonPropertyName("message")]
    public required string Message { get; init; }
}
