// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Dsl;

namespace Serow.TestDesigns;

/// <summary>
/// The design behind the security suite: every scheme kind, requirements at API and method level, alternatives,
/// scopes, <c>NoSecurity()</c>, and a secured method of each streaming pattern. Each transport runs the same suite.
/// </summary>
public sealed class SecuredDesign : Serow.Dsl.Design
{
    public SecuredDesign()
    {
        var jwt = JWTSecurity("jwt", () =>
        {
            Description("Tokens signed by the test issuer.");
            Scope("vault:read", "Read the vault");
            Scope("vault:write", "Change the vault");
        });
        var apiKey = APIKeySecurity("api_key", () => Description("A key per partner."));
        var basic = BasicAuthSecurity("basic", () => Description("A user name and password."));
        var oauth = OAuth2Security("oauth2", () =>
        {
            Description("Client-credentials tokens of the identity service.");
            ClientCredentialsFlow("https://id.example.com/token");
            Scope("vault:admin", "Administer the vault");
        });

        API("secured", () =>
        {
            Title("secured");
            Security(jwt, () => Scope("vault:read"));
        });

        Service("vault", () =>
        {
            Description("Answers who called, under each kind of security.");
            HTTP(() => Path("/vault"));
            GRPC(() => { });

            Method("whoami", () =>
            {
                Description("The API's requirement: a token granting vault:read.");
                Payload(() =>
                {
                    Field(1, "note", String, () => MaxLength(20));
                });
                Result(() =>
                {
                    Field(1, "name", String, "The caller's name claim.");
                    Field(2, "transport", String);
                    Field(3, "schemes", ArrayOf(String), "The authentication types of the caller's identities.");
                    Required("name", "transport");
                });
            });

            Method("write", () =>
            {
                Description("Needs the vault:write scope.");
                Security(jwt, () => Scope("vault:write"));
                Result(() =>
                {
                    Field(1, "name", String);
                    Required("name");
                });
            });

            Method("keyed", () =>
            {
                Description("An API key only.");
                Security(apiKey);
                Result(() =>
                {
                    Field(1, "name", String);
                    Required("name");
                });
            });

            Method("either", () =>
            {
                Description("An API key or a user name and password.");
                Security(apiKey);
                Security(basic);
                Result(() =>
                {
                    Field(1, "name", String);
                    Required("name");
                });
            });

            Method("admin", () =>
            {
                Description("OAuth2: a token granting vault:admin.");
                Security(oauth, () => Scope("vault:admin"));
                Result(() =>
                {
                    Field(1, "name", String);
                    Required("name");
                });
            });

            Method("health", () =>
            {
                Description("Public.");
                NoSecurity();
                Result(() =>
                {
                    Field(1, "secured", Boolean, "Whether the handler saw a secured call context.");
                    Required("secured");
                });
            });

            Method("watch", () =>
            {
                Description("Server streaming: sends the caller's name, then a tick every interval until cancelled or count ticks.");
                Payload(() =>
                {
                    Field(1, "count", Int, () => Minimum(0));
                    Field(2, "interval_ms", Int, () => Minimum(1));
                    Required("count");
                });
                StreamingResult(() =>
                {
                    Field(1, "text", String);
                    Required("text");
                });
                HTTP(() =>
                {
                    GET("/watch");
                    Param("count");
                    Param("interval_ms");
                });
            });

            Method("upload", () =>
            {
                Description("Client streaming: counts the lines and returns the caller's name.");
                StreamingPayload(String);
                Result(() =>
                {
                    Field(1, "name", String);
                    Field(2, "lines", Int);
                    Required("name", "lines");
                });
            });

            Method("echo", () =>
            {
                Description("Bidirectional: answers each line with the caller's name.");
                StreamingPayload(String);
                StreamingResult(String);
            });
        });
    }
}
