// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;
using Serow.Dsl.Expressions;

namespace Serow.Dsl;

/// <content>The API's metadata: contact, license, terms of service and further documentation.</content>
public abstract partial class Design
{
    /// <summary>Says who to contact about the API (OpenAPI and AsyncAPI <c>info.contact</c>). Use inside <c>API</c>.</summary>
    /// <param name="name">The person or team.</param>
    /// <param name="email">An email address.</param>
    /// <param name="url">An absolute http or https URL.</param>
    protected void Contact(string name, string? email = null, string? url = null)
    {
        var location = SourceLocator.Capture();
        if (Current<ApiExpr>("Contact", "an API block", location) is not { } api || !Once(api, "Contact", api.Contact?.Location, location))
        {
            return;
        }

        RequireText(api, "Contact", "name", name, location);
        if (email is not null && !IsEmail(email))
        {
            Recorder.Report(DiagnosticIds.InvalidArgument, $"{api.Label}: the email of Contact \"{email}\" is not an email address (name@domain)", location);
        }

        RequireUrl(api, "Contact", url, location);
        api.Contact = (new ApiContactDesign(name ?? string.Empty, email, url), location);
    }

    /// <summary>Names the API's license (OpenAPI and AsyncAPI <c>info.license</c>). Use inside <c>API</c>.</summary>
    /// <param name="name">The license, for example MIT or Apache-2.0.</param>
    /// <param name="url">An absolute http or https URL of its text.</param>
    protected void License(string name, string? url = null)
    {
        var location = SourceLocator.Capture();
        if (Current<ApiExpr>("License", "an API block", location) is not { } api || !Once(api, "License", api.License?.Location, location))
        {
            return;
        }

        RequireText(api, "License", "name", name, location);
        RequireUrl(api, "License", url, location);
        api.License = (new ApiLicenseDesign(name ?? string.Empty, url), location);
    }

    /// <summary>Links the API's terms of service (OpenAPI and AsyncAPI <c>info.termsOfService</c>). Use inside <c>API</c>.</summary>
    /// <param name="url">An absolute http or https URL.</param>
    protected void TermsOfService(string url)
    {
        var location = SourceLocator.Capture();
        if (Current<ApiExpr>("TermsOfService", "an API block", location) is not { } api || !Once(api, "TermsOfService", api.TermsOfService?.Location, location))
        {
            return;
        }

        if (RequireUrl(api, "TermsOfService", url ?? string.Empty, location))
        {
            api.TermsOfService = (url!, location);
        }
    }

    /// <summary>Links further documentation of the API (OpenAPI <c>externalDocs</c>, AsyncAPI <c>info.externalDocs</c>). Use inside <c>API</c>.</summary>
    /// <param name="url">An absolute http or https URL.</param>
    /// <param name="description">What is there.</param>
    protected void Docs(string url, string? description = null)
    {
        var location = SourceLocator.Capture();
        if (Current<ApiExpr>("Docs", "an API block", location) is not { } api || !Once(api, "Docs", api.Docs?.Location, location))
        {
            return;
        }

        if (RequireUrl(api, "Docs", url ?? string.Empty, location))
        {
            api.Docs = (new ApiDocsDesign(url!, description), location);
        }
    }

    private bool Once(ApiExpr api, string verb, SourceLocation? first, SourceLocation location)
    {
        if (first is null)
        {
            return true;
        }

        Recorder.Report(DiagnosticIds.InvalidArgument, $"{api.Label}: {verb} is declared twice (first at {first}); keep one", location);
        return false;
    }

    private void RequireText(ApiExpr api, string verb, string what, string? text, SourceLocation location)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            Recorder.Report(DiagnosticIds.InvalidArgument, $"{api.Label}: {verb} needs a {what}", location);
        }
    }

    private bool RequireUrl(ApiExpr api, string verb, string? url, SourceLocation location)
    {
        if (url is null || (Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Scheme is "https" or "http"))
        {
            return true;
        }

        Recorder.Report(DiagnosticIds.InvalidArgument, $"{api.Label}: the URL of {verb} \"{url}\" is not an absolute http or https URL", location);
        return false;
    }

    private static bool IsEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == email.LastIndexOf('@') && at < email.Length - 1 && !email.Any(char.IsWhiteSpace);
    }
}
