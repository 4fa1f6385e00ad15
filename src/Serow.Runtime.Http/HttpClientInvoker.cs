// Licensed under the MIT license. See LICENSE in the project root.

using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Serow.Validation;

namespace Serow.Http;

/// <summary>Sends the requests of generated HTTP clients and turns error responses into typed exceptions.</summary>
public static class HttpClientInvoker
{
    /// <summary>Sends a request and reads its JSON result, validated against the design.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="client">The HTTP client; its <see cref="HttpClient.BaseAddress"/> is the server.</param>
    /// <param name="request">The request.</param>
    /// <param name="resultType">The result's JSON metadata.</param>
    /// <param name="validate">Validates the result; null when it has no rules.</param>
    /// <param name="errors">Rebuilds designed errors (the generated <c>&lt;Service&gt;Errors.Create</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ServiceError">The server answered with an error: its typed exception.</exception>
    public static Task<TResult> SendAsync<TResult>(
        HttpClient client,
        HttpRequestBuilder request,
        JsonTypeInfo<TResult> resultType,
        Action<TResult, ValidationReport>? validate,
        ServiceErrorFactory? errors,
        CancellationToken cancellationToken) =>
        SendAsync(client, request, resultType, null, validate, errors, cancellationToken);

    /// <summary>
    /// Sends a request and reads its JSON result, completed from the response's headers and cookies (the result
    /// attributes the design maps there), then validated against the design.
    /// </summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="client">The HTTP client.</param>
    /// <param name="request">The request.</param>
    /// <param name="resultType">The result's JSON metadata.</param>
    /// <param name="fromResponse">Sets the mapped attributes from the response (see <see cref="HttpResponseFields"/>); null when none are mapped.</param>
    /// <param name="validate">Validates the result; null when it has no rules.</param>
    /// <param name="errors">Rebuilds designed errors.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ServiceError">The server answered with an error: its typed exception.</exception>
    public static async Task<TResult> SendAsync<TResult>(
        HttpClient client,
        HttpRequestBuilder request,
        JsonTypeInfo<TResult> resultType,
        Action<TResult, HttpResponseMessage>? fromResponse,
        Action<TResult, ValidationReport>? validate,
        ServiceErrorFactory? errors,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resultType);
        ArgumentNullException.ThrowIfNull(request);
        var activity = StartActivity(request);
        try
        {
            var result = await ReadAsync(client, request, resultType, fromResponse, validate, errors, cancellationToken).ConfigureAwait(false);
            SerowTelemetry.EndClientCall(activity, null);
            return result;
        }
        catch (Exception e) when (SerowTelemetry.EndClientCall(activity, e))
        {
            throw;
        }
    }

    private static async Task<TResult> ReadAsync<TResult>(
        HttpClient client, HttpRequestBuilder request, JsonTypeInfo<TResult> resultType, Action<TResult, HttpResponseMessage>? fromResponse,
        Action<TResult, ValidationReport>? validate, ServiceErrorFactory? errors, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(client, request, errors, cancellationToken).ConfigureAwait(false);
        TResult? result;
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            result = await JsonSerializer.DeserializeAsync(body, resultType, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new ValidationException([new ValidationError(string.Empty, "decode", $"the response body is not valid JSON for the result: {e.Message}")]);
        }

        var report = new ValidationReport();
        if (result is null)
        {
            report.Required(string.Empty, null);
        }
        else
        {
            fromResponse?.Invoke(result, response);
            validate?.Invoke(result, report);
        }

        report.ThrowIfInvalid();
        return result!;
    }

    /// <summary>Validates a payload before anything is sent.</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="payload">The payload.</param>
    /// <param name="validate">The payload's checks.</param>
    /// <exception cref="ValidationException">The payload broke its rules; every violation is listed.</exception>
    public static void Validate<T>(T payload, Action<T, ValidationReport> validate)
    {
        ArgumentNullException.ThrowIfNull(validate);
        var report = new ValidationReport();
        validate(payload, report);
        report.ThrowIfInvalid();
    }

    /// <summary>Sends a request whose method has no result.</summary>
    /// <param name="client">The HTTP client.</param>
    /// <param name="request">The request.</param>
    /// <param name="errors">Rebuilds designed errors.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ServiceError">The server answered with an error: its typed exception.</exception>
    public static async Task SendAsync(HttpClient client, HttpRequestBuilder request, ServiceErrorFactory? errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var activity = StartActivity(request);
        try
        {
            using var response = await SendCoreAsync(client, request, errors, cancellationToken).ConfigureAwait(false);
            SerowTelemetry.EndClientCall(activity, null);
        }
        catch (Exception e) when (SerowTelemetry.EndClientCall(activity, e))
        {
            throw;
        }
    }

    // The client's activity is current while the request is sent, so HttpClient sends its trace context.
    private static System.Diagnostics.Activity? StartActivity(HttpRequestBuilder request) =>
        request.DesignService is { } service ? SerowTelemetry.StartClientCall(service, request.DesignMethod!, "http") : null;

    internal static async Task<HttpResponseMessage> SendCoreAsync(HttpClient client, HttpRequestBuilder request, ServiceErrorFactory? errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        var baseAddress = request.BaseAddressOf(client);
        var events = request.Headers.Any(static h => h.Key == "Accept" && h.Value == ServerSentEvents.SseProtocol.MediaType);
        await request.ApplyCredentialsAsync(events ? "sse" : "http", cancellationToken).ConfigureAwait(false);
        using var message = request.ToRequest(baseAddress);

        // As HttpClient's own GetAsync and PostAsync do: a client configured for HTTP/2 (or 3) sends every call that way.
        message.Version = client.DefaultRequestVersion;
        message.VersionPolicy = client.DefaultVersionPolicy;
        var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);

            // A response without a body (HEAD) still names its error in the Serow-Error header.
            var body = HttpErrors.TryParse(text)
                ?? (response.Headers.TryGetValues(HttpErrors.HeaderName, out var header) ? HttpErrors.TryParse(Uri.UnescapeDataString(header.First())) : null);
            throw body is not null
                ? HttpErrors.FromBody(body, errors)
                : HttpErrors.FromStatus((int)response.StatusCode, response.ReasonPhrase);
        }
    }
}
