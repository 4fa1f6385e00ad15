// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Design;

/// <summary>An error a service may return, declared with <c>Error</c> at API, service or method level.</summary>
public sealed record ErrorDesign
{
    /// <summary>The error's name as designed (for example <c>not_found</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The design's description, if any.</summary>
    public string? Description { get; init; }

    /// <summary>A custom error type, or null for the standard error shape (name, id, message, flags).</summary>
    public DataType? Type { get; init; }

    /// <summary>Whether retrying may succeed.</summary>
    public bool Temporary { get; init; }

    /// <summary>Whether the error is a timeout.</summary>
    public bool Timeout { get; init; }

    /// <summary>Whether the error is a server fault (as opposed to a problem with the request).</summary>
    public bool Fault { get; init; }

    /// <summary>Where the error was declared.</summary>
    public required SourceLocation Location { get; init; }
}
