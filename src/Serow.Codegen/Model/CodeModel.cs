// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;

namespace Serow.Codegen.Model;

// The view model between the design and the text: names, namespaces and type references are resolved once here,
// so emitters only print.

/// <summary>Everything the service-layer emitters print, resolved from one design.</summary>
internal sealed record CodeModel(
    DesignRoot Design,
    GenerationOptions Options,
    string RootNamespace,
    IReadOnlyList<ObjectSpec> Objects,
    IReadOnlyList<UnionSpec> Unions,
    IReadOnlyList<ServiceSpec> Services,
    IReadOnlyList<ErrorSpec> ApiErrors,
    InterceptorModel Interception)
{
    /// <summary>The unions reachable from C# type references: named directly, or through objects, collections and other unions.</summary>
    public IReadOnlyList<UnionSpec> UnionsReachableFrom(IEnumerable<string> typeRefs)
    {
        var found = new List<UnionSpec>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(typeRefs);
        while (pending.TryPop(out var typeRef))
        {
            if (!seen.Add(typeRef))
            {
                continue;
            }

            // A reference such as List<global::A.B> names its element's full name inside it.
            foreach (var union in Unions.Where(u => Names(typeRef, u.FullName)))
            {
                if (!found.Contains(union))
                {
                    found.Add(union);
                }

                foreach (var branch in union.BranchTypes.Values)
                {
                    pending.Push(branch);
                }
            }

            foreach (var obj in Objects.Where(o => Names(typeRef, o.FullName)))
            {
                foreach (var property in obj.PropertyTypes.Values)
                {
                    pending.Push(property);
                }
            }
        }

        return found;
    }

    // Whole names only: global::A.Shape must not match global::A.ShapeGeometry.
    private static bool Names(string typeRef, string fullName)
    {
        for (var at = typeRef.IndexOf(fullName, StringComparison.Ordinal); at >= 0; at = typeRef.IndexOf(fullName, at + 1, StringComparison.Ordinal))
        {
            var end = at + fullName.Length;
            if (end == typeRef.Length || !(char.IsLetterOrDigit(typeRef[end]) || typeRef[end] == '_'))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A generated class for an object type: a user type, or an inline payload, result or nested object.</summary>
internal sealed record ObjectSpec(
    string ClassName,
    string Namespace,
    string Folder,
    string DesignName,
    string? Description,
    ObjectType Type,
    IReadOnlyList<ViewDesign> Views,
    IReadOnlyDictionary<string, string> PropertyTypes)
{
    public string FullName => $"global::{Namespace}.{ClassName}";

    public bool HasViews => Views.Count > 0;

    public string DefaultView => Views.FirstOrDefault(v => v.Name == "default")?.Name ?? Views[0].Name;

    /// <summary>Attributes present in every view are kept non-nullable; the others may be absent after projection.</summary>
    public bool InEveryView(string attribute) => Views.All(v => v.Attributes.Contains(attribute));
}

/// <summary>A payload, result or streamed message of a method.</summary>
internal sealed record MessageSpec(AttributeDesign Attribute, string TypeRef, bool IsValueType, ObjectSpec? Object, UnionSpec? Union = null)
{
    /// <summary>Whether receiving this message must run checks.</summary>
    public bool NeedsValidation => Object is not null || Union is not null || !Attribute.Validation.IsEmpty || Attribute.Type is ArrayType or MapType;
}

/// <summary>Views that apply to a method's result.</summary>
internal sealed record ResultViews(IReadOnlyList<string> Names, string DefaultView, bool CanSetView, bool Project);

/// <summary>A method with its resolved names.</summary>
internal sealed record MethodSpec(
    MethodDesign Design,
    string Name,
    MessageSpec? Payload,
    MessageSpec? Result,
    MessageSpec? StreamingPayload,
    MessageSpec? StreamingResult,
    ResultViews? Views,
    string ServerStream,
    string ClientStream)
{
    public StreamKind Kind => Design.StreamKind;

    /// <summary>Whether the implementation receives the raw request body as a stream (<c>SkipRequestBodyEncodeDecode</c>).</summary>
    public bool RawRequest => Kind == StreamKind.None && Design.Http?.SkipRequestBodyEncodeDecode == true;

    /// <summary>Whether the implementation receives the parts of a multipart request body as they arrive (<c>MultipartRequest</c>).</summary>
    public bool Multipart => Kind == StreamKind.None && Design.Http?.MultipartRequest == true;

    /// <summary>The body argument the implementation receives beside the payload (<c>body</c> or <c>parts</c>), or null.</summary>
    public string? BodyArgument => RawRequest ? "body" : Multipart ? "parts" : null;

    /// <summary>The C# type of <see cref="BodyArgument"/>.</summary>
    public string? BodyArgumentType => RawRequest ? KnownTypes.IOStream : Multipart ? $"{KnownTypes.AsyncEnumerable}<{KnownTypes.MultipartPart}>" : null;

    /// <summary>Whether the implementation returns the raw response body as a stream (<c>SkipResponseBodyEncodeDecode</c>).</summary>
    public bool RawResponse => Kind == StreamKind.None && Design.Http?.SkipResponseBodyEncodeDecode == true;

    /// <summary>The type of messages the client sends on the stream (NoMessage when none).</summary>
    public string InType => StreamingPayload is { } message ? StreamType(message) : KnownTypes.NoMessage;

    /// <summary>The type of messages the server sends: the streamed result, or the final result of a client stream.</summary>
    public MessageSpec? OutMessage => StreamingResult ?? (Kind == StreamKind.Client ? Result : null);

    public string OutType => OutMessage is { } message ? StreamType(message) : KnownTypes.NoMessage;

    /// <summary>Value-type messages travel as nullable on streams so that end of stream (null) stays distinguishable.</summary>
    private static string StreamType(MessageSpec message) => message.IsValueType ? message.TypeRef + "?" : message.TypeRef;
}

/// <summary>A service with its resolved names.</summary>
internal sealed record ServiceSpec(ServiceDesign Design, string Name, string Namespace, IReadOnlyList<MethodSpec> Methods, IReadOnlyList<ErrorSpec> Errors)
{
    public string Interface => $"I{Name}Service";

    public string ClientInterface => $"I{Name}Client";

    public string InProcessClient => $"{Name}InProcessClient";

    public string ErrorFactory => $"{Name}Errors";
}

/// <summary>A designed error with its exception class.</summary>
internal sealed record ErrorSpec(ErrorDesign Design, string ClassName, string Namespace, string? DetailType)
{
    public string FullName => $"global::{Namespace}.{ClassName}";
}
