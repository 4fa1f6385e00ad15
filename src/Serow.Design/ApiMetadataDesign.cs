// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Design;

/// <summary>Who to contact about the API (<c>Contact</c>).</summary>
/// <param name="Name">The person or team.</param>
/// <param name="Email">An email address, if any.</param>
/// <param name="Url">An absolute http or https URL, if any.</param>
public sealed record ApiContactDesign(string Name, string? Email, string? Url);

/// <summary>The API's license (<c>License</c>).</summary>
/// <param name="Name">The license's name, for example MIT.</param>
/// <param name="Url">An absolute http or https URL of its text, if any.</param>
public sealed record ApiLicenseDesign(string Name, string? Url);

/// <summary>Further documentation of the API (<c>Docs</c>).</summary>
/// <param name="Url">An absolute http or https URL.</param>
/// <param name="Description">What is there, if said.</param>
public sealed record ApiDocsDesign(string Url, string? Description);
