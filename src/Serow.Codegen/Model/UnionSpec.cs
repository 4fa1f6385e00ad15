// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen.Writing;
using Serow.Design;

namespace Serow.Codegen.Model;

/// <summary>
/// A generated closed hierarchy for a union: an abstract class with one nested sealed class per branch, and the JSON
/// names that tag a value on the wire.
/// </summary>
internal sealed record UnionSpec(
    string ClassName,
    string Namespace,
    string Folder,
    string DesignName,
    string? Description,
    UnionType Type,
    IReadOnlyDictionary<string, string> BranchTypes,
    string TagName,
    string ValueName)
{
    /// <summary>Overrides the JSON member that names the branch (Goa: <c>Type</c>).</summary>
    public const string TagKey = "serow:union:type";

    /// <summary>Overrides the JSON member that holds the value (Goa: <c>Value</c>).</summary>
    public const string ValueKey = "serow:union:value";

    private static readonly HashSet<string> Reserved = ["Value", "Branch", "Branches", "Validate", "Match", "Converter", "Switch"];

    public string FullName => $"global::{Namespace}.{ClassName}";

    /// <summary>The JSON members that hold the branch and the value: Goa's <c>Type</c> and <c>Value</c>, unless the union's meta renames them.</summary>
    public static (string Tag, string Value) MemberNames(EquatableArray<MetaEntry> meta)
    {
        string Named(string key, string fallback) => meta.FirstOrDefault(m => m.Key == key) is { Values.Count: > 0 } entry ? entry.Values[0] : fallback;
        return (Named(TagKey, "Type"), Named(ValueKey, "Value"));
    }

    /// <summary>The nested class of a branch, avoiding the names the union itself declares.</summary>
    public string CaseName(string branch)
    {
        var name = CSharp.Pascal(branch);
        return name == ClassName || Reserved.Contains(name) ? name + "Case" : name;
    }

    public string CaseFullName(string branch) => $"{FullName}.{CaseName(branch)}";

    /// <summary>Whether the C# type of a branch is shared with another branch (then no implicit conversion is generated).</summary>
    public bool SharesType(string branch) => BranchTypes.Count(pair => pair.Value == BranchTypes[branch]) > 1;
}
