// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow;

/// <summary>
/// An error a service returns on purpose. Generated code derives one exception per designed error from this class;
/// transports carry its name, id, message and flags so the client rethrows the same typed exception.
/// </summary>
public class ServiceError : Exception
{
    /// <summary>Creates a service error.</summary>
    /// <param name="name">The error's designed name, for example <c>not_found</c>.</param>
    /// <param name="message">A message for the caller.</param>
    /// <param name="temporary">Whether retrying may succeed.</param>
    /// <param name="timeout">Whether the error is a timeout.</param>
    /// <param name="fault">Whether the error is a server fault.</param>
    /// <param name="innerException">The underlying exception, if any; never sent over a transport.</param>
    public ServiceError(string name, string message, bool temporary = false, bool timeout = false, bool fault = false, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Temporary = temporary;
        Timeout = timeout;
        Fault = fault;
        Id = ErrorIds.Next();
    }

    /// <summary>The error's designed name.</summary>
    public string Name { get; }

    /// <summary>A short unique identifier of this occurrence, for correlating logs on both sides.</summary>
    public string Id { get; init; }

    /// <summary>Whether retrying may succeed.</summary>
    public bool Temporary { get; }

    /// <summary>Whether the error is a timeout.</summary>
    public bool Timeout { get; }

    /// <summary>Whether the error is a server fault rather than a problem with the request.</summary>
    public bool Fault { get; }

    /// <summary>The name used for unexpected failures that are not designed errors.</summary>
    public const string InternalName = "internal";

    /// <summary>Wraps an unexpected exception without exposing its message to the caller.</summary>
    public static ServiceError Internal(Exception exception) =>
        new(InternalName, "The service failed while processing the call.", fault: true, innerException: exception);

    /// <inheritdoc/>
    public override string ToString() => $"{GetType().FullName}: {Name}: {Message} (id {Id})";
}
