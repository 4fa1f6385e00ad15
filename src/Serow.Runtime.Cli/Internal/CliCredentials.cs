// Licensed under the MIT license. See LICENSE in the project root.

using System.CommandLine;
using System.CommandLine.Parsing;
using Serow.Security;

namespace Serow.CommandLine.Internal;

/// <summary>
/// The credential options of every command: <c>--token</c>, <c>--api-key</c>, <c>--user name:password</c>, each with an
/// environment variable (<c>SEROW_TOKEN</c>, <c>SEROW_API_KEY</c>, <c>SEROW_USER</c>) that keeps the secret out of the
/// shell's history. They are sent only to methods whose design requires that kind of credentials.
/// </summary>
internal sealed class CliCredentials
{
    public const string TokenVariable = "SEROW_TOKEN";
    public const string ApiKeyVariable = "SEROW_API_KEY";
    public const string UserVariable = "SEROW_USER";

    public Option<string?> Token { get; } = new("--token")
    {
        Description = $"A bearer token (JWT or OAuth2) for methods that require one. Default: ${TokenVariable}.",
        HelpName = "token",
        Recursive = true,
    };

    public Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = $"An API key for methods that require one (sent as X-API-Key). Default: ${ApiKeyVariable}.",
        HelpName = "key",
        Recursive = true,
    };

    public Option<string?> User { get; } = new("--user")
    {
        Description = $"A user name and password for methods that require Basic authentication. Default: ${UserVariable}.",
        HelpName = "name:password",
        Recursive = true,
        CustomParser = ParseUser,
    };

    public IEnumerable<Option> All => [Token, ApiKey, User];

    /// <summary>The credentials the command line (or the environment) gives; null when none.</summary>
    /// <exception cref="ArgumentException">The user from the environment is not <c>name:password</c>.</exception>
    public CallCredentials? Read(ParseResult parse)
    {
        var all = new List<CallCredentials>();
        if ((parse.GetValue(Token) ?? Environment.GetEnvironmentVariable(TokenVariable)) is { Length: > 0 } token)
        {
            all.Add(CallCredentials.BearerToken(token));
        }

        if ((parse.GetValue(ApiKey) ?? Environment.GetEnvironmentVariable(ApiKeyVariable)) is { Length: > 0 } key)
        {
            all.Add(CallCredentials.ApiKey(key));
        }

        if ((parse.GetValue(User) ?? Environment.GetEnvironmentVariable(UserVariable)) is { Length: > 0 } user)
        {
            var colon = user.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new ArgumentException($"${UserVariable} must be name:password.");
            }

            all.Add(CallCredentials.Basic(user[..colon], user[(colon + 1)..]));
        }

        return all.Count switch
        {
            0 => null,
            1 => all[0],
            _ => CallCredentials.Combine([.. all]),
        };
    }

    private static string? ParseUser(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (text.IndexOf(':', StringComparison.Ordinal) > 0)
        {
            return text;
        }

        result.AddError("--user must be name:password (the password may be empty: name:).");
        return null;
    }
}
