// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;
using Serow.Dsl.Tests.Support;

namespace Serow.Dsl.Tests;

/// <summary>Security schemes and requirements in the design: the model they make and the errors they report.</summary>
public sealed class SecurityRuleTests
{
    public sealed class SecuredDesign : Design
    {
        public SecuredDesign()
        {
            var jwt = JWTSecurity("jwt", () =>
            {
                Description("Tokens issued by the identity service.");
                Scope("api:read", "Read access");
                Scope("api:write", "Write access");
            });
            var apiKey = APIKeySecurity("api_key", () => Description("A key per client."));
            var basic = BasicAuthSecurity("basic");
            var oauth = OAuth2Security("oauth", () =>
            {
                AuthorizationCodeFlow("https://id.example.com/authorize", "https://id.example.com/token", "https://id.example.com/refresh");
                ClientCredentialsFlow("https://id.example.com/token");
                Scope("logs:admin", "Manage logs");
            });

            API("secured", () => Security(jwt, () => Scope("api:read")));

            Service("chat", () =>
            {
                Method("connect", () => Payload(String));
                Method("post", () =>
                {
                    Security(jwt, () =>
                    {
                        Scope("api:read");
                        Scope("api:write");
                    });
                    Security([apiKey, basic]);
                    Payload(String);
                });
                Method("health", () =>
                {
                    NoSecurity();
                    Result(String);
                });
            });

            Service("logger", () =>
            {
                Security(oauth, () => Scope("logs:admin"));
                Method("manage", () => Payload(String));
                Method("tail", () =>
                {
                    Security("api_key");
                    Payload(String);
                });
            });

            Service("status", () =>
            {
                NoSecurity();
                Method("ping", () => Result(String));
            });
        }
    }

    [Fact]
    public void SecuredDesign_RecordsSchemesAndRequirements_AndResolvesEachMethodsRequirements()
    {
        var root = DesignAssert.Succeeds(typeof(SecuredDesign));

        Assert.Equal(["jwt", "api_key", "basic", "oauth"], root.SecuritySchemes.Select(s => s.Name));
        var jwt = root.FindSecurityScheme("jwt")!;
        Assert.Equal(SecuritySchemeKind.Jwt, jwt.Kind);
        Assert.Equal("Tokens issued by the identity service.", jwt.Description);
        Assert.Equal([new SecurityScopeDesign("api:read", "Read access"), new SecurityScopeDesign("api:write", "Write access")], jwt.Scopes);
        Assert.Equal(SecuritySchemeKind.ApiKey, root.FindSecurityScheme("api_key")!.Kind);
        Assert.Equal(SecuritySchemeKind.BasicAuth, root.FindSecurityScheme("basic")!.Kind);
        var oauth = root.FindSecurityScheme("oauth")!;
        Assert.Equal(
            [(OAuth2FlowKind.AuthorizationCode, "https://id.example.com/authorize", "https://id.example.com/token", "https://id.example.com/refresh"),
             (OAuth2FlowKind.ClientCredentials, null, "https://id.example.com/token", null)],
            oauth.Flows.Select(f => (f.Kind, f.AuthorizationUrl, f.TokenUrl, f.RefreshUrl)));

        string Describe(string service, string method)
        {
            var s = root.FindService(service)!;
            var requirements = root.SecurityOf(s, s.Methods.Single(m => m.Name == method));
            return string.Join(" | ", requirements.Select(r => string.Join("+", r.Schemes) + (r.Scopes.Count > 0 ? "[" + string.Join(",", r.Scopes) + "]" : string.Empty)));
        }

        Assert.Equal("jwt[api:read]", Describe("chat", "connect"));                 // the API's requirement
        Assert.Equal("jwt[api:read,api:write] | api_key+basic", Describe("chat", "post")); // the method's own: either one
        Assert.Equal(string.Empty, Describe("chat", "health"));                      // NoSecurity on the method
        Assert.Equal("oauth[logs:admin]", Describe("logger", "manage"));             // the service's
        Assert.Equal("api_key", Describe("logger", "tail"));                         // by name, the method's own
        Assert.Equal(string.Empty, Describe("status", "ping"));                      // NoSecurity on the service
    }

    public sealed class UnknownScheme : Design
    {
        public UnknownScheme()
        {
            JWTSecurity("jwt");
            Service("chat", () => Method("connect", () =>
            {
                Security("jtw"); // mark:unknown-scheme
                Payload(String);
            }));
        }
    }

    [Fact]
    public void Security_NamingAnUndeclaredScheme_IsReportedWithTheDeclaredOnes() =>
        DesignAssert.Reports(typeof(UnknownScheme), DiagnosticIds.UnknownSecurityScheme, "mark:unknown-scheme",
            ["service \"chat\" method \"connect\"", "\"jtw\"", "it declares \"jwt\""]);

    public sealed class UndefinedScope : Design
    {
        public UndefinedScope()
        {
            var jwt = JWTSecurity("jwt", () => Scope("api:read", "Read access"));
            var apiKey = APIKeySecurity("api_key");
            Service("chat", () =>
            {
                Method("connect", () =>
                {
                    Security(jwt, () => Scope("api:wrte")); // mark:undefined-scope
                    Payload(String);
                });
                Method("post", () =>
                {
                    Security(apiKey, () => Scope("api:read")); // mark:scope-on-key
                    Payload(String);
                });
            });
        }
    }

    [Fact]
    public void Security_RequiringAScopeTheSchemeDoesNotDefine_IsReported()
    {
        DesignAssert.Reports(typeof(UndefinedScope), DiagnosticIds.UndeclaredScope, "mark:undefined-scope",
            ["service \"chat\" method \"connect\"", "scope \"api:wrte\"", "security scheme \"jwt\"", "defined: \"api:read\""]);
        DesignAssert.Reports(typeof(UndefinedScope), DiagnosticIds.UndeclaredScope, "mark:scope-on-key",
            ["service \"chat\" method \"post\"", "scope \"api:read\"", "security scheme \"api_key\"", "it defines no scopes"]);
    }

    public sealed class BadSchemes : Design
    {
        public BadSchemes()
        {
            OAuth2Security("oauth", () => Scope("a", "A")); // mark:no-flow
            APIKeySecurity("key", () => Scope("x", "X")); // mark:key-scope
            JWTSecurity("jwt");
            JWTSecurity("jwt"); // mark:twice
            OAuth2Security("relative", () => PasswordFlow("/token")); // mark:relative-url
        }
    }

    [Fact]
    public void Schemes_WithoutAFlow_WithScopesTheyCannotCarry_DeclaredTwice_OrWithARelativeUrl_AreReported()
    {
        DesignAssert.Reports(typeof(BadSchemes), DiagnosticIds.OAuth2Flow, "mark:no-flow", ["security scheme \"oauth\"", "at least one flow"]);
        DesignAssert.Reports(typeof(BadSchemes), DiagnosticIds.InvalidArgument, "mark:key-scope", ["security scheme \"key\"", "only JWT and OAuth2 schemes carry scopes"]);
        DesignAssert.Reports(typeof(BadSchemes), DiagnosticIds.DuplicateName, "mark:twice", ["security scheme \"jwt\" is declared twice"]);
        DesignAssert.Reports(typeof(BadSchemes), DiagnosticIds.InvalidArgument, "mark:relative-url", ["security scheme \"relative\"", "\"/token\" is not an absolute http or https URL"]);
    }

    public sealed class Misplaced : Design
    {
        public Misplaced()
        {
            var jwt = JWTSecurity("jwt");
            Service("chat", () =>
            {
                NoSecurity(); // mark:both
                Security(jwt);
                Method("connect", () =>
                {
                    Scope("api:read"); // mark:scope-misplaced
                    Payload(String);
                });
            });
            API("misplaced", () => NoSecurity()); // mark:api-none
        }
    }

    [Fact]
    public void NoSecurityWithSecurity_ScopeOutsideSecurity_AndNoSecurityOnTheApi_AreReported()
    {
        DesignAssert.Reports(typeof(Misplaced), DiagnosticIds.ConflictingSecurity, "mark:both", ["service \"chat\"", "NoSecurity() and Security(...) are both declared"]);
        DesignAssert.Reports(typeof(Misplaced), DiagnosticIds.WrongPlace, "mark:scope-misplaced", ["Scope cannot be used here"]);
        DesignAssert.Reports(typeof(Misplaced), DiagnosticIds.WrongPlace, "mark:api-none", ["NoSecurity cannot be used here", "a Service or Method block"]);
    }
}
