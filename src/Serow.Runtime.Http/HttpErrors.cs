// Licensed under the MIT license. See LICENSE in the project root.

using System.Text.Json;
using Serow.Http.Internal;
using Serow.Validation;

namespace Serow.Http;

/// <summary>Maps errors to HTTP statuses and bodies, and bodies back to typed exceptions.</summary>
public static class HttpErrors
{
    /// <summary>The response header that carries the error body, percent-encoded, so a WebSocket client can read it from a refused upgrade.</summary>
    public const string HeaderName = "Serow-Error";

    /// <summary>
    /// The status of an error: the designed status when <paramref name="designed"/> maps its name, 400 for a validation
    /// failure, 401 and 403 for
    /// <see cref="Security.UnauthenticatedError"/> and <see cref="Security.PermissionDeniedError"/>, otherwise by flags: fault 500, timeout 504 when also temporary else 408, temporary 503, else 400.
    /// </summary>
    /// <param name="error">The error.</param>
    /// <param name="designed">The designed status of an error name, or null when the design maps none.</param>
    public static int StatusOf(ServiceError error, Func<string, int?>? designed = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (designed?.Invoke(error.Name) is { } status)
        {
            return status;
        }

        return error switch
        {
            ValidationException => 400,
            Security.UnauthenticatedError => 401,
            Security.PermissionDeniedError => 403,
            Topics.ResumeExpiredError => 410,
            { Fault: true } => 500,
            { Timeout: true, Temporary: true } => 504,
            { Timeout: true } => 408,
            { Temporary: true } => 503,
            _ => 400,
        };
    }

    /// <summary>The wire form of an exception: its own fields for a <see cref="ServiceError"/>, <see cref="ServiceError.Internal"/> otherwise.</summary>
    /// <param name="exception">The exception thrown by a handler.</param>
    public static HttpErrorBody ToBody(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var error = AsServiceError(exception);
        return new HttpErrorBody
        {
            Name = error.Name,
            Id = error.Id,
            Message = error.Message,
            Temporary = error.Temporary,
            Timeout = error.Timeout,
            Fault = error.Fault,
            Errors = error is ValidationException validation
                ? validation.Errors.Select(e => new HttpErrorField { Field = e.Field, Rule = e.Rule, Message = e.Message }).ToList()
                : null,
        };
    }

    /// <summary>Returns the exception as a service error, wrapping anything else with <see cref="ServiceError.Internal"/> (whose text is not sent).</summary>
    /// <param name="exception">The exception.</param>
    public static ServiceError AsServiceError(Exception exception) =>
        exception as ServiceError ?? ServiceError.Internal(exception);

    /// <summary>
    /// Rebuilds the typed exception of an error body: a <see cref="ValidationException"/> listing its violations for
    /// <c>invalid_message</c>, otherwise what <paramref name="factory"/> creates; the id is kept.
    /// </summary>
    /// <param name="body">The error body received.</param>
    /// <param name="factory">The generated error factory of the service, or null for plain service errors.</param>
    public static ServiceError FromBody(HttpErrorBody body, ServiceErrorFactory? factory)
    {
        ArgumentNullException.ThrowIfNull(body);
        return ServiceErrors.Rebuild(body.Name, body.Message ?? string.Empty, body.Temporary, body.Timeout, body.Fault, body.Id,
            body.Errors?.Select(e => new ValidationError(e.Field, e.Rule, e.Message)).ToList(), factory);
    }

    /// <summary>The HTTP status of a call the server cancelled itself (499, as gRPC gateways map CANCELLED).</summary>
    internal const int CancelledStatus = 499;

    /// <summary>The error body of a call the server cancelled itself.</summary>
    internal static HttpErrorBody CancelledBody(string method) =>
        new() { Name = Streaming.StreamErrors.CancelledName, Message = $"The server cancelled the call to {method}." };

    /// <summary>Serializes an error body as JSON.</summary>
    /// <param name="body">The body.</param>
    public static string Serialize(HttpErrorBody body) => JsonSerializer.Serialize(body, SerowHttpJsonContext.Default.HttpErrorBody);

    /// <summary>Parses an error body, or returns null when the text is not one.</summary>
    /// <param name="json">The JSON text.</param>
    public static HttpErrorBody? TryParse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            var body = JsonSerializer.Deserialize(json, SerowHttpJsonContext.Default.HttpErrorBody);
            return body is { Name.Length: > 0 } ? body : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The error of a response that carries no error body, named after its status; its inner exception is an
    /// <see cref="System.Net.Http.HttpRequestException"/> with the status, which tells it apart from an error a Serow service sent.
    /// </summary>
    /// <param name="status">The HTTP status code.</param>
    /// <param name="reason">What was received, for the message.</param>
    public static ServiceError FromStatus(int status, string? reason)
    {
        var message = $"The server answered with HTTP status {status}{(string.IsNullOrEmpty(reason) ? string.Empty : ": " + reason)}.";
        return new(status >= 500 ? ServiceError.InternalName : "http_" + status.ToString(System.Globalization.CultureInfo.InvariantCulture),
            message, temporary: status is 503 or 504 or 429, timeout: status is 408 or 504, fault: status >= 500,
            innerException: new System.Net.Http.HttpRequestException(message, null, (System.Net.HttpStatusCode)status));
    }
}
