// Licensed under the MIT license. See LICENSE in the project root.

using System.Text;
using System.Text.Json;
using Grpc.Core;
using Serow.Validation;

namespace Serow.Grpc;

/// <summary>
/// Maps Serow errors to gRPC statuses and trailers on the server, and statuses back to typed exceptions on the client.
/// The wire contract is documented in docs/protocol-grpc.md.
/// </summary>
public static class GrpcErrors
{
    /// <summary>The status message of unexpected failures when exception details are off.</summary>
    public const string InternalMessage = "The service failed while processing the call.";

    /// <summary>The status code of an error: its designed code, INVALID_ARGUMENT for validation, else by its flags.</summary>
    /// <param name="error">The error.</param>
    /// <param name="designedCodes">The codes the design maps error names to; null when none.</param>
    /// <returns>The status code to send.</returns>
    public static StatusCode StatusCodeOf(ServiceError error, IReadOnlyDictionary<string, StatusCode>? designedCodes = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (designedCodes is not null && designedCodes.TryGetValue(error.Name, out var code))
        {
            return code;
        }

        return error switch
        {
            ValidationException => StatusCode.InvalidArgument,
            Security.UnauthenticatedError => StatusCode.Unauthenticated,
            Security.PermissionDeniedError => StatusCode.PermissionDenied,
            Topics.ResumeExpiredError => StatusCode.FailedPrecondition,
            { Fault: true } => StatusCode.Internal,
            { Timeout: true } => StatusCode.DeadlineExceeded,
            { Temporary: true } => StatusCode.Unavailable,
            _ => StatusCode.Unknown,
        };
    }

    /// <summary>
    /// Turns what a service method threw into the <see cref="RpcException"/> that ends the call: a
    /// <see cref="ServiceError"/> keeps its name, id, message, flags and validation errors (in trailers); a cancellation becomes CANCELLED; any other
    /// exception becomes INTERNAL with a generic message, or the exception's text when <paramref name="includeDetails"/> is set.
    /// An <see cref="RpcException"/> is returned as is.
    /// </summary>
    /// <param name="exception">The exception.</param>
    /// <param name="designedCodes">The codes the design maps error names to; null when none.</param>
    /// <param name="includeDetails">Whether unexpected failures carry their exception's text.</param>
    /// <returns>The exception to throw from the gRPC handler.</returns>
    public static RpcException ToRpcException(Exception exception, IReadOnlyDictionary<string, StatusCode>? designedCodes = null, bool includeDetails = false)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is RpcException rpc)
        {
            return rpc;
        }

        if (exception is OperationCanceledException)
        {
            return new RpcException(new Status(StatusCode.Cancelled, "The call was cancelled."));
        }

        var error = exception as ServiceError ?? ServiceError.Internal(exception);
        var unexpected = exception is ServiceError ? (error.Name == ServiceError.InternalName ? error.InnerException : null) : exception;
        var message = unexpected is null ? error.Message : includeDetails ? unexpected.ToString() : InternalMessage;
        var trailers = new Metadata();
        AddTrailers(trailers, error);
        return new RpcException(new Status(StatusCodeOf(error, designedCodes), message), trailers, message);
    }

    /// <summary>Adds the error's Serow trailers (name, id, flags and, for validation, the violations) to <paramref name="trailers"/>.</summary>
    /// <param name="trailers">The trailers to add to.</param>
    /// <param name="error">The error.</param>
    public static void AddTrailers(Metadata trailers, ServiceError error)
    {
        ArgumentNullException.ThrowIfNull(trailers);
        ArgumentNullException.ThrowIfNull(error);
        trailers.Add(GrpcHeaders.ErrorName, error.Name);
        trailers.Add(GrpcHeaders.ErrorId, error.Id);
        trailers.Add(GrpcHeaders.ErrorFlags, Flags(error));
        if (error is ValidationException validation)
        {
            trailers.Add(GrpcHeaders.Validation, EncodeValidation(validation.Errors));
        }
    }

    /// <summary>
    /// Rebuilds the exception a failed call stands for: the typed error named in the Serow trailers (through
    /// <paramref name="create"/>, the generated <c>&lt;Service&gt;Errors.Create</c>), a <see cref="ValidationException"/>
    /// with its violations, <see cref="OperationCanceledException"/> for CANCELLED, or a <see cref="ServiceError"/> named
    /// after the status code when the server sent no Serow trailers (its inner exception is the client's own failure, for
    /// example the <see cref="System.Net.Sockets.SocketException"/> of a refused connection, or else the <see cref="RpcException"/>).
    /// </summary>
    /// <param name="exception">The exception grpc-dotnet threw.</param>
    /// <param name="create">Creates a typed error from name, message and the temporary, timeout and fault flags.</param>
    /// <param name="cancellationToken">The caller's token, attached to the cancellation exception.</param>
    /// <returns>The exception to throw to the caller.</returns>
    public static Exception FromRpcException(RpcException exception, ServiceErrorFactory? create, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var status = exception.Status;
        var trailers = exception.Trailers;
        var name = trailers.GetValue(GrpcHeaders.ErrorName);
        if (name is null)
        {
            if (status.StatusCode == StatusCode.Cancelled)
            {
                return new OperationCanceledException("The call was cancelled.", exception, cancellationToken);
            }

            // A server or proxy that refused the credentials without Serow's trailers still yields the typed error.
            if (status.StatusCode is StatusCode.Unauthenticated)
            {
                return new Security.UnauthenticatedError(status.Detail);
            }

            if (status.StatusCode is StatusCode.PermissionDenied)
            {
                return new Security.PermissionDeniedError(status.Detail);
            }

            return new ServiceError(SnakeName(status.StatusCode), status.Detail,
                temporary: status.StatusCode == StatusCode.Unavailable,
                timeout: status.StatusCode == StatusCode.DeadlineExceeded,
                fault: status.StatusCode is StatusCode.Internal or StatusCode.Unknown or StatusCode.DataLoss,
                innerException: status.DebugException ?? exception);
        }

        var flags = (trailers.GetValue(GrpcHeaders.ErrorFlags) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var violations = name == ValidationException.ErrorName && trailers.GetValueBytes(GrpcHeaders.Validation) is { } bytes ? DecodeValidation(bytes) : null;
        return ServiceErrors.Rebuild(name, status.Detail, flags.Contains("temporary"), flags.Contains("timeout"), flags.Contains("fault"),
            trailers.GetValue(GrpcHeaders.ErrorId), violations, create);
    }

    /// <summary>Encodes validation errors as the UTF-8 JSON of the <see cref="GrpcHeaders.Validation"/> trailer.</summary>
    /// <param name="errors">The violations.</param>
    /// <returns>The trailer's bytes.</returns>
    public static byte[] EncodeValidation(IReadOnlyList<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var error in errors)
            {
                writer.WriteStartObject();
                writer.WriteString("field", error.Field);
                writer.WriteString("rule", error.Rule);
                writer.WriteString("message", error.Message);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return buffer.ToArray();
    }

    /// <summary>Decodes the <see cref="GrpcHeaders.Validation"/> trailer; malformed input gives one <c>decode</c> violation.</summary>
    /// <param name="bytes">The trailer's bytes.</param>
    /// <returns>The violations.</returns>
    public static IReadOnlyList<ValidationError> DecodeValidation(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.EnumerateArray()
                .Select(e => new ValidationError(Text(e, "field"), Text(e, "rule"), Text(e, "message")))
                .ToList();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return [new ValidationError(string.Empty, "decode", "The validation errors sent by the server could not be read: " + Encoding.UTF8.GetString(bytes))];
        }
    }

    /// <summary>The lower snake_case name of a status code, for example <c>deadline_exceeded</c>.</summary>
    /// <param name="code">The code.</param>
    /// <returns>The name.</returns>
    public static string SnakeName(StatusCode code)
    {
        var text = code.ToString();
        var builder = new StringBuilder(text.Length + 4);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsUpper(text[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(text[i]));
        }

        return builder.ToString();
    }

    private static string Flags(ServiceError error)
    {
        var flags = new List<string>(3);
        if (error.Temporary)
        {
            flags.Add("temporary");
        }

        if (error.Timeout)
        {
            flags.Add("timeout");
        }

        if (error.Fault)
        {
            flags.Add("fault");
        }

        return string.Join(",", flags);
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
}
