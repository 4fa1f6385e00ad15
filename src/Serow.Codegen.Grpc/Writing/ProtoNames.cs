// Licensed under the MIT license. See LICENSE in the project root.

using System.Text;
using Serow.Codegen.Writing;
using Serow.Design;

namespace Serow.Codegen.Grpc.Writing;

/// <summary>Names on the protobuf side: identifiers, the scalar types, and the C# names protoc derives from them.</summary>
internal static class ProtoNames
{
    /// <summary>A protobuf identifier from a design name: letters, digits and underscores.</summary>
    public static string Identifier(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }

        if (builder.Length == 0 || char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }

    /// <summary>A package name: lower-case identifier segments separated by dots.</summary>
    public static string Package(string name) => string.Join('.', name.Split('.').Select(s => Identifier(s).ToLowerInvariant()));

    /// <summary>A message or service name.</summary>
    public static string Type(string name) => CSharp.Pascal(name);

    /// <summary>The C# property protoc generates for a field (underscores removed, next letter and letters after digits upper-cased).</summary>
    public static string Property(string field, string message)
    {
        var builder = new StringBuilder(field.Length);
        var upper = true;
        foreach (var c in field)
        {
            if (char.IsAsciiLetterLower(c))
            {
                builder.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                builder.Append(builder.Length == 0 || upper ? c : c);
                upper = false;
            }
            else if (char.IsAsciiDigit(c))
            {
                builder.Append(c);
                upper = true;
            }
            else
            {
                upper = true;
            }
        }

        var name = builder.ToString();
        return name == message ? name + "_" : name;
    }

    /// <summary>The name of the one-field <c>oneof</c> that gives a field presence (<see cref="ProtoPresence.Oneof"/>).</summary>
    public static string PresenceOneof(string field) => field + "_presence";

    /// <summary>The protobuf scalar type of a primitive.</summary>
    public static string Scalar(PrimitiveKind kind) => kind switch
    {
        PrimitiveKind.Boolean => "bool",
        PrimitiveKind.Int or PrimitiveKind.Int32 => "int32",
        PrimitiveKind.Int64 => "int64",
        PrimitiveKind.UInt or PrimitiveKind.UInt32 => "uint32",
        PrimitiveKind.UInt64 => "uint64",
        PrimitiveKind.Float32 => "float",
        PrimitiveKind.Float64 => "double",
        PrimitiveKind.String => "string",
        PrimitiveKind.Bytes => "bytes",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Any is not allowed in gRPC messages."),
    };
}
