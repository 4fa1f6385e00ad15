// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen.Writing;
using Serow.Design;

namespace Serow.Codegen.Model;

/// <summary>What the command-line client offers: the services and methods reachable over at least one transport.</summary>
internal sealed record CliSpec(string ClassName, string ToolName, IReadOnlyList<CliServiceSpec> Services)
{
    /// <summary>Every transport some service is reached over, in the order given (the default first).</summary>
    public IReadOnlyList<TransportBinding> Transports => Services.SelectMany(s => s.Clients).Distinct().ToList();

    /// <summary>The values of <c>--transport</c>, for usage lines: <c>grpc|http</c>.</summary>
    public string TransportChoices => string.Join("|", Transports.Select(t => t.CliTransport.ToLowerInvariant()));
}

/// <summary>A service of the command-line client and the transports its generated clients exist for.</summary>
internal sealed record CliServiceSpec(ServiceSpec Service, IReadOnlyList<TransportBinding> Clients, IReadOnlyList<CliMethodSpec> Methods);

/// <summary>A method with its transports (the first is the default) and its payload options.</summary>
internal sealed record CliMethodSpec(MethodSpec Method, IReadOnlyList<TransportBinding> Transports, IReadOnlyList<CliFieldSpec> Fields);

/// <summary>A payload attribute offered as an option, with its default (a JSON literal) and limits (for <c>--help</c>).</summary>
internal sealed record CliFieldSpec(string Name, string Option, string Kind, string? Description, bool Required, string? Default, string? Limits);

/// <summary>Resolves the command-line client from the code model.</summary>
internal static class CliModelBuilder
{
    /// <summary>Long option names the client itself uses; an attribute with one of these names gets a <c>--payload-</c> prefix.</summary>
    private static readonly HashSet<string> Reserved = ["--payload", "--transport", "--url", "--help", "--version"];

    public static CliSpec Build(CodeModel model, IReadOnlyList<TransportBinding> transports)
    {
        var services = new List<CliServiceSpec>();
        foreach (var service in model.Services)
        {
            var methods = new List<CliMethodSpec>();
            foreach (var method in service.Methods)
            {
                var serving = transports.Where(t => t.Serves(method.Design)).ToList();
                if (serving.Count > 0)
                {
                    methods.Add(new CliMethodSpec(method, serving, Fields(model, method)));
                }
            }

            if (methods.Count > 0)
            {
                // The transport generators write a client for a service as soon as one of its methods is served.
                var clients = transports.Where(t => service.Methods.Any(m => t.Serves(m.Design))).ToList();
                services.Add(new CliServiceSpec(service, clients, methods));
            }
        }

        var api = CSharp.Pascal(model.Design.Api.Name);
        return new CliSpec(api + "Cli", Kebab(model.Design.Api.Name) + "-cli", services);
    }

    private static List<CliFieldSpec> Fields(CodeModel model, MethodSpec method)
    {
        var fields = new List<CliFieldSpec>();
        if (method.Payload is not { } payload || model.Design.Resolve(payload.Attribute.Type) is not ObjectType type)
        {
            return fields;
        }

        var used = new HashSet<string>(Reserved, StringComparer.Ordinal);
        foreach (var attribute in type.Attributes)
        {
            var option = "--" + Kebab(attribute.Name);
            if (used.Contains(option))
            {
                option = "--payload-" + Kebab(attribute.Name);
            }

            var unique = option;
            for (var i = 2; !used.Add(unique); i++)
            {
                unique = option + "-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            fields.Add(new CliFieldSpec(attribute.Name, unique, Kind(model.Design.Resolve(attribute.Type)), attribute.Description, type.IsRequired(attribute.Name),
                attribute.DefaultJson, Limits(attribute.Validation)));
        }

        return fields;
    }

    /// <summary>The attribute's validations in one short phrase, for example <c>&gt;= 1, &lt;= 1000</c>; null when there are none.</summary>
    private static string? Limits(ValidationDesign validation)
    {
        if (validation.IsEmpty)
        {
            return null;
        }

        var parts = new List<string>();
        if (validation.EnumJson.Count > 0)
        {
            parts.Add("one of " + string.Join(", ", validation.EnumJson));
        }

        Add(">=", validation.Minimum);
        Add(">", validation.ExclusiveMinimum);
        Add("<=", validation.Maximum);
        Add("<", validation.ExclusiveMaximum);
        if (validation.MinLength is { } min && validation.MaxLength is { } max)
        {
            parts.Add(min == max ? $"length {min}" : $"length {min}..{max}");
        }
        else if (validation.MinLength is { } atLeast)
        {
            parts.Add($"length >= {atLeast}");
        }
        else if (validation.MaxLength is { } atMost)
        {
            parts.Add($"length <= {atMost}");
        }

        if (validation.Format is { } format)
        {
            parts.Add("format " + format);
        }

        if (validation.Pattern is { } pattern)
        {
            parts.Add("pattern " + pattern);
        }

        return parts.Count == 0 ? null : string.Join(", ", parts);

        void Add(string comparison, double? bound)
        {
            if (bound is { } value)
            {
                parts.Add(comparison + " " + value.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    private static string Kind(DataType type) => type switch
    {
        PrimitiveType { Kind: PrimitiveKind.Boolean } => "Boolean",
        PrimitiveType { Kind: PrimitiveKind.Int or PrimitiveKind.Int32 } => "Int32",
        PrimitiveType { Kind: PrimitiveKind.Int64 } => "Int64",
        PrimitiveType { Kind: PrimitiveKind.UInt or PrimitiveKind.UInt32 } => "UInt32",
        PrimitiveType { Kind: PrimitiveKind.UInt64 } => "UInt64",
        PrimitiveType { Kind: PrimitiveKind.Float32 } => "Float32",
        PrimitiveType { Kind: PrimitiveKind.Float64 } => "Float64",
        PrimitiveType { Kind: PrimitiveKind.String } => "String",
        PrimitiveType { Kind: PrimitiveKind.Bytes } => "Bytes",
        _ => "Json",
    };

    /// <summary>A design name as a command-line word: <c>event_type</c>, <c>eventType</c> → <c>event-type</c>.</summary>
    public static string Kebab(string name)
    {
        var result = new System.Text.StringBuilder(name.Length + 4);
        var previous = '-';
        foreach (var c in name)
        {
            if (!char.IsLetterOrDigit(c))
            {
                if (result.Length > 0 && previous != '-')
                {
                    result.Append('-');
                    previous = '-';
                }

                continue;
            }

            if (char.IsUpper(c) && result.Length > 0 && previous != '-' && !char.IsUpper(previous))
            {
                result.Append('-');
            }

            result.Append(char.ToLowerInvariant(c));
            previous = c;
        }

        return result.ToString().TrimEnd('-');
    }
}
