// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen.Model;
using Serow.Codegen.Writing;
using Serow.Design;

namespace Serow.Codegen.Emitters;

/// <summary>
/// Prints a union as a closed hierarchy: an abstract class whose only subclasses are its nested branch classes, a
/// <c>Match</c> that every branch must answer, the JSON converter of the tagged encoding and typed senders.
/// </summary>
internal static class UnionEmitter
{
    private const string Utf8JsonReader = "global::System.Text.Json.Utf8JsonReader";
    private const string Utf8JsonWriter = "global::System.Text.Json.Utf8JsonWriter";
    private const string JsonSerializer = "global::System.Text.Json.JsonSerializer";
    private const string JsonSerializerOptions = "global::System.Text.Json.JsonSerializerOptions";
    private const string JsonTokenType = "global::System.Text.Json.JsonTokenType";
    private const string JsonException = "global::System.Text.Json.JsonException";
    private const string JsonConverter = "global::System.Text.Json.Serialization.JsonConverter";
    private const string JsonTypeInfo = "global::System.Text.Json.Serialization.Metadata.JsonTypeInfo";

    public static GeneratedFile Emit(CodeModel model, UnionSpec spec) =>
        CSharpFile.Create(model, $"{spec.Folder}/{spec.ClassName}.g.cs", spec.Namespace, "union", writer =>
        {
            Union(writer, model, spec);
            writer.Line();
            Senders(writer, model, spec);
        });

    // [JsonConverter(typeof(<Name>.Converter))]
    // public abstract partial class <Name> : IValidatable
    // {
    //     public abstract string Branch { get; }
    //     public abstract TResult Match<TResult>(Func<A, TResult> a, Func<B, TResult> b);
    //     public static implicit operator <Name>(A value) => new A(value);      when no other branch has A's C# type
    //     public sealed partial class A : <Name> { public A(<T> value); public <T> Value { get; } … }
    //     public sealed class Converter : JsonConverter<<Name>> { … }          {"Type": "a", "Value": …}
    // }
    private static void Union(CodeWriter writer, CodeModel model, UnionSpec spec)
    {
        var branches = spec.Type.Branches;
        writer.Summary((spec.Description ?? $"The \"{spec.DesignName}\" union of the design.")
            + $" A value is exactly one of: {string.Join(", ", branches.Select(b => b.Name))}; switch on the nested classes or call Match.");
        CSharpFile.GeneratedCodeAttribute(writer, model);
        writer.Line($"[{JsonConverter}(typeof({spec.FullName}.Converter))]");
        writer.Open($"public abstract partial class {spec.ClassName} : {KnownTypes.Validatable}");

        // A private protected constructor keeps the hierarchy closed: only the nested branch classes derive.
        writer.Line($"private protected {spec.ClassName}()");
        writer.Line("{");
        writer.Line("}");
        writer.Line();

        writer.Summary("The designed name of the branch this value holds; it tags the value on the wire.");
        writer.Line("public abstract string Branch { get; }");
        writer.Line();

        writer.Summary("Every branch name, in design order.");
        writer.Line($"public static {KnownTypes.ReadOnlyList}<string> Branches {{ get; }} = [{string.Join(", ", branches.Select(b => CSharp.String(b.Name)))}];");
        writer.Line();

        writer.Summary("Checks every designed rule of the branch's value and throws a validation exception listing every violation.");
        writer.Line($"public void Validate() => {KnownTypes.ValidationReport}.Check(this);");
        writer.Line();

        writer.Line("/// <inheritdoc/>");
        writer.Line($"public abstract void Validate({KnownTypes.ValidationReport} report, string path);");
        writer.Line();

        writer.Summary("Calls the function of the branch this value holds: a branch added to the design makes every call fail to compile until it is handled.");
        writer.Line("/// <typeparam name=\"TResult\">What every function returns.</typeparam>");
        foreach (var branch in branches)
        {
            writer.Param(MatchParameter(branch), $"Called with the value of the \"{branch.Name}\" branch.");
        }

        writer.Returns("What the called function returned.");
        writer.Line($"public abstract TResult Match<TResult>({MatchParameters(spec)});");
        writer.Line();

        foreach (var branch in branches.Where(b => !spec.SharesType(b.Name) && spec.BranchTypes[b.Name] != KnownTypes.JsonElement))
        {
            writer.Summary($"Wraps a value in the \"{branch.Name}\" branch.");
            writer.Param("value", "The value.");
            writer.Line($"public static implicit operator {spec.ClassName}({spec.BranchTypes[branch.Name]} value) => new {spec.CaseName(branch.Name)}(value);");
            writer.Line();
        }

        foreach (var branch in branches)
        {
            Case(writer, model, spec, branch);
            writer.Line();
        }

        Converter(writer, spec);
        writer.Close();
    }

    private static void Case(CodeWriter writer, CodeModel model, UnionSpec spec, AttributeDesign branch)
    {
        var name = spec.CaseName(branch.Name);
        var type = spec.BranchTypes[branch.Name];
        var isValue = TypeEmitter.IsValueTypeName(type);
        writer.Summary(branch.Description ?? $"The \"{branch.Name}\" branch.");
        writer.Open($"public sealed partial class {name} : {spec.ClassName}");
        writer.Summary($"Creates a \"{branch.Name}\" value.");
        writer.Param("value", "The branch's value.");
        writer.Line($"public {name}({type} value) => Value = value;");
        writer.Line();
        writer.Summary("The branch's value.");
        writer.Line($"public {type} Value {{ get; }}");
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Line($"public override string Branch => {CSharp.String(branch.Name)};");
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Open($"public override void Validate({KnownTypes.ValidationReport} report, string path)");
        new ValidationEmitter(model.Design).Emit(writer, branch, "this.Value", $"{KnownTypes.ValidationReport}.Member(path, {CSharp.String(spec.ValueName)})",
            required: !isValue, nullable: !isValue);
        writer.Close();
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Line($"public override TResult Match<TResult>({MatchParameters(spec)}) => {MatchParameter(branch)}(Value);");
        writer.Close();
    }

    // public override <Name>? Read(ref Utf8JsonReader reader, …)
    // {
    //     read "Type" and remember where "Value" starts, in any order, then decode the value with the branch's metadata
    // }
    // public override void Write(Utf8JsonWriter writer, <Name> value, …) => {"Type": value.Branch, "Value": …}
    private static void Converter(CodeWriter writer, UnionSpec spec)
    {
        var type = spec.FullName;
        var tag = CSharp.String(spec.TagName);
        var valueName = CSharp.String(spec.ValueName);
        var branchList = string.Join(", ", spec.Type.Branches.Select(b => $"\\\"{b.Name}\\\""));
        writer.Summary($"Reads and writes {spec.DesignName} as {{\"{spec.TagName}\": branch, \"{spec.ValueName}\": value}}.");
        writer.Open($"public sealed class Converter : {JsonConverter}<{type}>");

        writer.Line("/// <inheritdoc/>");
        writer.Line("public override bool HandleNull => false;");
        writer.Line();

        writer.Line("/// <inheritdoc/>");
        writer.Open($"public override {type}? Read(ref {Utf8JsonReader} reader, global::System.Type typeToConvert, {JsonSerializerOptions} options)");
        writer.Open($"if (reader.TokenType != {JsonTokenType}.StartObject)");
        writer.Line($"throw new {JsonException}(\"{spec.DesignName} is a union: an object with \\\"{spec.TagName}\\\" (the branch) and \\\"{spec.ValueName}\\\" (its value)\");");
        writer.Close();
        writer.Line();
        writer.Line("string? branch = null;");
        writer.Line($"{type}? result = null;");
        writer.Line($"var value = default({Utf8JsonReader});");
        writer.Line("var hasValue = false;");
        writer.Open($"while (reader.Read() && reader.TokenType == {JsonTokenType}.PropertyName)");
        writer.Open($"if (reader.ValueTextEquals({tag}))");
        writer.Line("reader.Read();");
        writer.Line($"branch = reader.TokenType == {JsonTokenType}.String ? reader.GetString() : throw new {JsonException}(\"{spec.DesignName}: \\\"{spec.TagName}\\\" must be a string naming the branch\");");
        writer.Close();
        writer.Open($"else if (reader.ValueTextEquals({valueName}))");
        writer.Line("reader.Read();");
        writer.Open("if (branch is not null && result is null)");
        writer.Line("// The tag came first (as Serow and Goa write it): the value is read once, in place.");
        writer.Line("result = ReadBranch(ref reader, branch, options);");
        writer.Close();
        writer.Open("else");
        writer.Line("value = reader;");
        writer.Line("hasValue = true;");
        writer.Line("reader.Skip();");
        writer.Close();
        writer.Close();
        writer.Open("else");
        writer.Line("reader.Read();");
        writer.Line("reader.Skip();");
        writer.Close();
        writer.Close();
        writer.Line();
        writer.Open("if (branch is null)");
        writer.Line($"throw new {JsonException}(\"{spec.DesignName}: \\\"{spec.TagName}\\\" is required; it names the branch ({branchList})\");");
        writer.Close();
        writer.Line();
        writer.Open("if (result is not null)");
        writer.Line("return result;");
        writer.Close();
        writer.Line();
        writer.Open("if (!hasValue)");
        writer.Line($"throw new {JsonException}($\"{spec.DesignName}: \\\"{spec.ValueName}\\\" is required beside \\\"{spec.TagName}\\\": \\\"{{branch}}\\\"\");");
        writer.Close();
        writer.Line();
        writer.Line("return ReadBranch(ref value, branch, options);");
        writer.Close();
        writer.Line();

        writer.Open($"private static {type} ReadBranch(ref {Utf8JsonReader} reader, string branch, {JsonSerializerOptions} options) => branch switch");
        foreach (var branch in spec.Type.Branches)
        {
            var branchType = spec.BranchTypes[branch.Name];
            var bang = TypeEmitter.IsValueTypeName(branchType) ? string.Empty : "!";
            writer.Line($"{CSharp.String(branch.Name)} => new {spec.CaseFullName(branch.Name)}({JsonSerializer}.Deserialize(ref reader, Info<{branchType}>(options)){bang}),");
        }

        writer.Line($"_ => throw new {JsonException}($\"{spec.DesignName}: \\\"{{branch}}\\\" is not a branch; use one of {branchList}\"),");
        writer.Close(";");
        writer.Line();

        writer.Line("/// <inheritdoc/>");
        writer.Open($"public override void Write({Utf8JsonWriter} writer, {type} value, {JsonSerializerOptions} options)");
        writer.Line("writer.WriteStartObject();");
        writer.Line($"writer.WriteString({tag}, value.Branch);");
        writer.Line($"writer.WritePropertyName({valueName});");
        writer.Line("switch (value)");
        writer.Line("{");
        foreach (var branch in spec.Type.Branches)
        {
            writer.Line($"    case {spec.CaseFullName(branch.Name)} b:");
            writer.Line($"        {JsonSerializer}.Serialize(writer, b.Value, Info<{spec.BranchTypes[branch.Name]}>(options));");
            writer.Line("        break;");
        }

        writer.Line("}");
        writer.Line();
        writer.Line("writer.WriteEndObject();");
        writer.Close();
        writer.Line();

        // The options come from the JSON context (or reflection), which knows every branch type: no reflection here.
        writer.Line($"private static {JsonTypeInfo}<T> Info<T>({JsonSerializerOptions} options) => ({JsonTypeInfo}<T>)options.GetTypeInfo(typeof(T));");
        writer.Close();
    }

    // public static class <Name>Senders
    // {
    //     public static ValueTask Send<Branch>Async(this IStreamSender<<Name>> stream, <T> value, CancellationToken ct = default)
    // }
    private static void Senders(CodeWriter writer, CodeModel model, UnionSpec spec)
    {
        writer.Summary($"Typed sends for streams of {spec.DesignName}: one per branch, so a handler writes events without wrapping them.");
        CSharpFile.GeneratedCodeAttribute(writer, model);
        writer.Open($"public static class {spec.ClassName}Senders");
        var first = true;
        foreach (var branch in spec.Type.Branches)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            writer.Summary($"Sends a \"{branch.Name}\" {spec.DesignName}.");
            writer.Param("stream", "The stream.");
            writer.Param("value", "The branch's value.");
            writer.Param("cancellationToken", "Cancels the send.");
            writer.Returns("Completes when the message is handed to the transport.");
            writer.Open($"public static {KnownTypes.ValueTask} Send{CSharp.Pascal(branch.Name)}Async(this {KnownTypes.StreamSender}<{spec.FullName}> stream, {spec.BranchTypes[branch.Name]} value, {KnownTypes.CancellationToken} cancellationToken = default)");
            writer.Line($"{KnownTypes.ArgumentNullException}.ThrowIfNull(stream);");
            writer.Line($"return stream.SendAsync(new {spec.CaseFullName(branch.Name)}(value), cancellationToken);");
            writer.Close();
        }

        writer.Close();
    }

    private static string MatchParameter(AttributeDesign branch) => CSharp.Identifier(CSharp.Camel(branch.Name));

    private static string MatchParameters(UnionSpec spec) =>
        string.Join(", ", spec.Type.Branches.Select(b => $"{KnownTypes.Func}<{spec.BranchTypes[b.Name]}, TResult> {MatchParameter(b)}"));
}
