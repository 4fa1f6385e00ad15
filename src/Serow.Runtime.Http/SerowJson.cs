// Licensed under the MIT license. See LICENSE in the project root.

using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Serow.Http;

/// <summary>
/// The JSON settings of the HTTP transport, over a generated <c>JsonSerializerContext</c>. Required properties are not
/// enforced by the serializer: a missing field is reported by the message's validation, together with every other violation.
/// </summary>
/// <remarks>
/// Generated types mark their properties <c>required</c> (for the C# compiler), which makes the generated serializer
/// create them through an initializer that assigns every required property, a missing one with its default: a missing
/// number would read as 0. Generated types are therefore created empty and only the properties present in the JSON are
/// set, so the types' own record of which required numbers were assigned reports a missing one as <c>required</c>.
/// </remarks>
public static class SerowJson
{
    private static readonly ConditionalWeakTable<IJsonTypeInfoResolver, JsonSerializerOptions> Cache = [];
    private static readonly ConditionalWeakTable<JsonSerializerOptions, IJsonTypeInfoResolver> Resolvers = [];

    /// <summary>The options over a generated resolver, cached per resolver.</summary>
    /// <param name="resolver">The generated context's <c>Default</c> instance.</param>
    public static JsonSerializerOptions Options(IJsonTypeInfoResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        return Cache.GetValue(resolver, static r =>
        {
            // A generated context's own settings (its JsonSourceGenerationOptions) carry over, so that writing with the
            // context's metadata (ForWriting) produces the same JSON.
            var options = r is JsonSerializerContext context
                ? new JsonSerializerOptions(context.Options)
                : new JsonSerializerOptions(JsonSerializerDefaults.General);
            options.TypeInfoResolver = r.WithAddedModifier(static info =>
            {
                foreach (var property in info.Properties)
                {
                    property.IsRequired = false;
                }

                if (info.Kind == JsonTypeInfoKind.Object && typeof(Validation.IValidatable).IsAssignableFrom(info.Type)
                    && info.Properties.Any(p => p.AssociatedParameter is not null) && info.Type.GetConstructor(Type.EmptyTypes) is not null)
                {
                    var type = info.Type;
                    info.CreateObject = () => Activator.CreateInstance(type)!;
                }
            });
            options.MakeReadOnly();
            Resolvers.AddOrUpdate(options, r);
            return options;
        });
    }

    /// <summary>
    /// The metadata to write <typeparamref name="T"/> with: for metadata from <see cref="TypeInfo"/>, the generated
    /// context's own, whose generated serialization code skips the metadata walk (the relaxed required properties only
    /// matter when reading); otherwise <paramref name="info"/> itself.
    /// </summary>
    internal static JsonTypeInfo<T> ForWriting<T>(JsonTypeInfo<T> info) =>
        Resolvers.TryGetValue(info.Options, out var resolver) && resolver is JsonSerializerContext context && context.GetTypeInfo(typeof(T)) is JsonTypeInfo<T> own
            ? own
            : info;

    /// <summary>The metadata of <typeparamref name="T"/> under <see cref="Options"/>.</summary>
    /// <typeparam name="T">A type the generated context lists.</typeparam>
    /// <param name="resolver">The generated context's <c>Default</c> instance.</param>
    public static JsonTypeInfo<T> TypeInfo<T>(IJsonTypeInfoResolver resolver) =>
        (JsonTypeInfo<T>)Options(resolver).GetTypeInfo(typeof(T));
}
