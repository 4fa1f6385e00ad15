// Licensed under the MIT license. See LICENSE in the project root.

using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Serow.Http;

/// <summary>
/// The JSON settings of the HTTP transport, over a generated <c>JsonSerializerContext</c>. Required properties are not
/// enforced by the serializer: a missing field is reported by the message's validation, together with every other violation.
/// </summary>
public static class SerowJson
{
    private static readonly ConditionalWeakTable<IJsonTypeInfoResolver, JsonSerializerOptions> Cache = [];

    /// <summary>The options over a generated resolver, cached per resolver.</summary>
    /// <param name="resolver">The generated context's <c>Default</c> instance.</param>
    public static JsonSerializerOptions Options(IJsonTypeInfoResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        return Cache.GetValue(resolver, static r =>
        {
            var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
            {
                TypeInfoResolver = r.WithAddedModifier(static info =>
                {
                    foreach (var property in info.Properties)
                    {
                        property.IsRequired = false;
                    }
                }),
            };
            options.MakeReadOnly();
            return options;
        });
    }

    /// <summary>The metadata of <typeparamref name="T"/> under <see cref="Options"/>.</summary>
    /// <typeparam name="T">A type the generated context lists.</typeparam>
    /// <param name="resolver">The generated context's <c>Default</c> instance.</param>
    public static JsonTypeInfo<T> TypeInfo<T>(IJsonTypeInfoResolver resolver) =>
        (JsonTypeInfo<T>)Options(resolver).GetTypeInfo(typeof(T));
}
