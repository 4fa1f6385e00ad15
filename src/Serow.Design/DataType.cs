// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Design;

/// <summary>The kind of a primitive design type.</summary>
public enum PrimitiveKind
{
    /// <summary>A boolean (<c>bool</c>).</summary>
    Boolean,

    /// <summary>A signed integer, 32 bits in C# (<c>int</c>).</summary>
    Int,

    /// <summary>A signed 32-bit integer (<c>int</c>).</summary>
    Int32,

    /// <summary>A signed 64-bit integer (<c>long</c>).</summary>
    Int64,

    /// <summary>An unsigned integer, 32 bits in C# (<c>uint</c>).</summary>
    UInt,

    /// <summary>An unsigned 32-bit integer (<c>uint</c>).</summary>
    UInt32,

    /// <summary>An unsigned 64-bit integer (<c>ulong</c>).</summary>
    UInt64,

    /// <summary>A 32-bit floating point number (<c>float</c>).</summary>
    Float32,

    /// <summary>A 64-bit floating point number (<c>double</c>).</summary>
    Float64,

    /// <summary>A UTF-8 string (<c>string</c>).</summary>
    String,

    /// <summary>Raw bytes (<c>byte[]</c>).</summary>
    Bytes,

    /// <summary>Any JSON value (<c>System.Text.Json.JsonElement</c>); not allowed in gRPC messages.</summary>
    Any,
}

/// <summary>The type of an attribute, payload, result or streamed message.</summary>
public abstract record DataType
{
    private protected DataType()
    {
    }
}

/// <summary>A primitive type.</summary>
/// <param name="Kind">Which primitive.</param>
public sealed record PrimitiveType(PrimitiveKind Kind) : DataType;

/// <summary>An array; the element attribute carries the element's type and validations.</summary>
/// <param name="Element">The element.</param>
public sealed record ArrayType(AttributeDesign Element) : DataType;

/// <summary>A map from keys to values.</summary>
/// <param name="Key">The key attribute (a primitive).</param>
/// <param name="Value">The value attribute.</param>
public sealed record MapType(AttributeDesign Key, AttributeDesign Value) : DataType;

/// <summary>An object declared inline: ordered attributes and the names that are required.</summary>
/// <param name="Attributes">The attributes in declaration order.</param>
/// <param name="Required">The names of the required attributes, in the order they were declared.</param>
public sealed record ObjectType(EquatableArray<AttributeDesign> Attributes, EquatableArray<string> Required) : DataType
{
    /// <summary>Finds an attribute by name.</summary>
    public AttributeDesign? Find(string name) => Attributes.FirstOrDefault(a => a.Name == name);

    /// <summary>Whether the named attribute is required.</summary>
    public bool IsRequired(string name) => Required.Contains(name);
}

/// <summary>
/// A union (<c>OneOf</c> or <c>Union</c>): a value is exactly one of the branches, each a named, typed attribute.
/// </summary>
/// <param name="Branches">The branches in declaration order; their names tag the value on the wire.</param>
public sealed record UnionType(EquatableArray<AttributeDesign> Branches) : DataType
{
    /// <summary>Finds a branch by name.</summary>
    public AttributeDesign? Find(string name) => Branches.FirstOrDefault(b => b.Name == name);
}

/// <summary>A reference to a user type or result type declared with <c>Type</c> or <c>ResultType</c>.</summary>
/// <param name="Name">The user type's name.</param>
public sealed record UserTypeRef(string Name) : DataType;
