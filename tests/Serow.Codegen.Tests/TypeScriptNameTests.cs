// Licensed under the MIT license. See LICENSE in the project root.

using System.Text.RegularExpressions;
using Serow.Dsl;

namespace Serow.Codegen.Tests;

/// <summary>
/// The TypeScript package's index re-exports the runtime, the types, the errors and the clients: a design name equal to
/// one of the runtime's (a type <c>Security</c>, an error <c>validation</c>) is renamed so that no two exports collide.
/// </summary>
public sealed partial class TypeScriptNameTests
{
    [Fact]
    public void DesignNamesEqualToTheRuntimes_AreRenamed_AndNoExportCollides()
    {
        var root = DesignRunner.Run(typeof(TypeScriptNamesDesign)).GetRootOrThrow();
        var files = new Serow.Codegen.Http.TypeScript.TypeScriptGenerator().Generate(root, TestDesignCatalog.Options)
            .ToDictionary(f => f.Path, f => f.Content);

        Assert.Contains("export interface SecurityType {", files["src/types.ts"], StringComparison.Ordinal);
        Assert.Contains("export interface CredentialsType {", files["src/types.ts"], StringComparison.Ordinal);
        Assert.Contains("export class NamesValidationError extends serow.ServiceError {", files["src/errors.ts"], StringComparison.Ordinal);
        Assert.Contains("return new errors.NamesValidationError(message, init);", files["src/vault.ts"], StringComparison.Ordinal);
        Assert.Contains("async check(payload: types.SecurityType, signal?: AbortSignal): Promise<types.CredentialsType>", files["src/vault.ts"], StringComparison.Ordinal);

        var exported = new[] { "src/runtime.ts", "src/types.ts", "src/errors.ts" }
            .SelectMany(path => Export().Matches(files[path]).Select(m => m.Groups[1].Value))
            .Concat(IndexExport().Matches(files["src/index.ts"]).SelectMany(m => m.Groups[1].Value.Split(", ")))
            .ToList();
        Assert.Equal(exported.Count, exported.Distinct(StringComparer.Ordinal).Count());
    }

    [GeneratedRegex(@"^export (?:abstract )?(?:class|interface|type|function|const|let) (\w+)", RegexOptions.Multiline)]
    private static partial Regex Export();

    [GeneratedRegex(@"^export \{ (.+) \} from", RegexOptions.Multiline)]
    private static partial Regex IndexExport();
}

/// <summary>A design whose names meet the TypeScript runtime's.</summary>
public sealed class TypeScriptNamesDesign : Serow.Dsl.Design
{
    public TypeScriptNamesDesign()
    {
        API("names", () => Title("names"));
        var security = Type("Security", () => Field(1, "level", Int, "A level."));
        var credentials = Type("Credentials", () => Field(1, "user", String, "A user."));
        Service("vault", () =>
        {
            Error("validation", () => Description("A designed error named like the runtime's ValidationError."));
            Method("check", () =>
            {
                Payload(security);
                Result(credentials);
                HTTP(() => POST("/check"));
            });
        });
    }
}
