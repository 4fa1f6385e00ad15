// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen.Writing;
using Serow.Design;

namespace Serow.Codegen.Model;

/// <summary>Which message of a method an interceptor's accessor reads or writes.</summary>
internal enum MessagePosition
{
    Payload,
    Result,
    StreamingPayload,
    StreamingResult,
}

/// <summary>One attribute an accessor exposes: read-only, or writable when the interceptor writes it.</summary>
internal sealed record AccessorProperty(string Attribute, string Name, string Type, bool Writable);

/// <summary>
/// The typed view an interceptor has of one message position (<c>IStampStreamingResult</c>): the generated types in that
/// position implement it explicitly, so an accessor costs no allocation.
/// </summary>
internal sealed record AccessorSpec(MessagePosition Position, string Name, string Namespace, IReadOnlyList<AccessorProperty> Properties)
{
    public string FullName => $"global::{Namespace}.{Name}";

    public string PositionName => Position.ToString();
}

/// <summary>A design interceptor applied to at least one method: its info class, its accessors and the method users implement.</summary>
internal sealed record InterceptorSpec(InterceptorDesign Design, string Name, string Namespace, IReadOnlyList<AccessorSpec> Accessors)
{
    public string Info => $"{Name}Info";

    public string InfoFullName => $"global::{Namespace}.{Info}";

    public string Method => $"{Name}Async";

    public bool Accesses(MessagePosition position) => Accessors.Any(a => a.Position == position);
}

/// <summary>The interceptors of a design as code: their specs, which types implement which accessors, and which run where.</summary>
internal sealed class InterceptorModel
{
    private readonly DesignRoot _design;
    private readonly Dictionary<string, InterceptorSpec> _byName;

    private InterceptorModel(DesignRoot design, IReadOnlyList<InterceptorSpec> interceptors, IReadOnlyDictionary<string, IReadOnlyList<(AccessorSpec Accessor, ObjectSpec Type)>> typeAccessors)
    {
        _design = design;
        Interceptors = interceptors;
        TypeAccessors = typeAccessors;
        _byName = interceptors.ToDictionary(i => i.Design.Name, StringComparer.Ordinal);
    }

    /// <summary>Every interceptor applied somewhere, in declaration order.</summary>
    public IReadOnlyList<InterceptorSpec> Interceptors { get; }

    /// <summary>The accessors each generated type implements, by the type's full name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<(AccessorSpec Accessor, ObjectSpec Type)>> TypeAccessors { get; }

    public IReadOnlyList<InterceptorSpec> Of(ServiceSpec service, MethodSpec method, bool server) =>
        (server ? _design.ServerInterceptorsOf(service.Design, method.Design) : _design.ClientInterceptorsOf(service.Design, method.Design))
            .Select(i => _byName[i.Name]).ToList();

    /// <summary>The interceptors that run on one side of a service, in the order they first appear.</summary>
    public IReadOnlyList<InterceptorSpec> Of(ServiceSpec service, bool server) =>
        service.Methods.SelectMany(m => Of(service, m, server)).Distinct().ToList();

    /// <summary>The operations an interceptor runs around on a method, as a C# flags expression.</summary>
    public static string Operations(InterceptorSpec interceptor, MethodSpec method, bool server)
    {
        var (sent, received) = server
            ? (MessagePosition.StreamingResult, MessagePosition.StreamingPayload)
            : (MessagePosition.StreamingPayload, MessagePosition.StreamingResult);
        var finalResult = method.Kind == StreamKind.Client && interceptor.Accesses(MessagePosition.Result);
        var operations = new List<string> { "Call" };
        if (interceptor.Accesses(sent) || (server && finalResult))
        {
            operations.Add("Send");
        }

        if (interceptor.Accesses(received) || (!server && finalResult))
        {
            operations.Add("Receive");
        }

        return string.Join(" | ", operations.Select(o => $"{KnownTypes.InterceptedOperations}.{o}"));
    }

    public static InterceptorModel Build(DesignRoot design, string root, IReadOnlyList<ServiceSpec> services, List<DesignDiagnostic> problems)
    {
        var ns = $"{root}.Interceptors";

        // Every (interceptor, position) → the types found there and each attribute's property type, across methods.
        var uses = new Dictionary<(string Interceptor, MessagePosition Position), List<(MethodSpec Method, ObjectSpec Type)>>();
        var appliedAnywhere = new HashSet<string>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            foreach (var method in service.Methods)
            {
                var applied = design.ServerInterceptorsOf(service.Design, method.Design).Concat(design.ClientInterceptorsOf(service.Design, method.Design));
                foreach (var interceptor in applied.Distinct())
                {
                    appliedAnywhere.Add(interceptor.Name);
                    foreach (var position in interceptor.Access.Select(a => PositionOf(a.Kind)).Distinct())
                    {
                        if (MessageAt(method, position)?.Object is { } type)
                        {
                            var list = uses.TryGetValue((interceptor.Name, position), out var found) ? found : uses[(interceptor.Name, position)] = [];
                            if (!list.Any(u => u.Type == type))
                            {
                                list.Add((method, type));
                            }
                        }
                    }
                }
            }
        }

        var specs = new List<InterceptorSpec>();
        var typeAccessors = new Dictionary<string, List<(AccessorSpec, ObjectSpec)>>(StringComparer.Ordinal);
        foreach (var interceptor in design.Interceptors.Where(i => appliedAnywhere.Contains(i.Name)))
        {
            var name = CSharp.Pascal(interceptor.Name);
            var accessors = new List<AccessorSpec>();
            foreach (var position in Enum.GetValues<MessagePosition>())
            {
                var access = interceptor.Access.Where(a => PositionOf(a.Kind) == position).ToList();
                if (access.Count == 0 || !uses.TryGetValue((interceptor.Name, position), out var types))
                {
                    continue;
                }

                var properties = new List<AccessorProperty>();
                foreach (var attribute in access.SelectMany(a => a.Attributes).Distinct(StringComparer.Ordinal))
                {
                    var writable = access.Any(a => IsWrite(a.Kind) && a.Attributes.Contains(attribute));
                    var typesSeen = types.Select(t => (t.Method, Type: Emitters.TypeEmitter.DeclaredPropertyType(t.Type, attribute))).ToList();
                    if (typesSeen.Select(t => t.Type).Distinct(StringComparer.Ordinal).Count() > 1)
                    {
                        problems.Add(new DesignDiagnostic("SEROW902",
                            $"interceptor \"{interceptor.Name}\" reaches attribute \"{attribute}\" of the {Words(position)} with different types ({string.Join(", ", typesSeen.Select(t => $"{t.Method.Design.Name}: {t.Type.Replace("global::", string.Empty, StringComparison.Ordinal)}"))}); apply it to methods whose {Words(position)} types agree, or split the interceptor",
                            access[0].Location));
                        continue;
                    }

                    properties.Add(new AccessorProperty(attribute, CSharp.Pascal(attribute), typesSeen[0].Type, writable));
                }

                var accessor = new AccessorSpec(position, $"I{name}{position}", ns, properties);
                accessors.Add(accessor);
                foreach (var (_, type) in types)
                {
                    var list = typeAccessors.TryGetValue(type.FullName, out var found) ? found : typeAccessors[type.FullName] = [];
                    list.Add((accessor, type));
                }
            }

            specs.Add(new InterceptorSpec(interceptor, name, ns, accessors));
        }

        return new InterceptorModel(design, specs, typeAccessors.ToDictionary(p => p.Key, p => (IReadOnlyList<(AccessorSpec, ObjectSpec)>)p.Value, StringComparer.Ordinal));
    }

    public static MessageSpec? MessageAt(MethodSpec method, MessagePosition position) => position switch
    {
        MessagePosition.Payload => method.Payload,
        MessagePosition.Result => method.Result,
        MessagePosition.StreamingPayload => method.StreamingPayload,
        _ => method.StreamingResult,
    };

    public static string Words(MessagePosition position) => position switch
    {
        MessagePosition.Payload => "payload",
        MessagePosition.Result => "result",
        MessagePosition.StreamingPayload => "streaming payload",
        _ => "streaming result",
    };

    private static MessagePosition PositionOf(InterceptorAccessKind kind) => kind switch
    {
        InterceptorAccessKind.ReadPayload or InterceptorAccessKind.WritePayload => MessagePosition.Payload,
        InterceptorAccessKind.ReadResult or InterceptorAccessKind.WriteResult => MessagePosition.Result,
        InterceptorAccessKind.ReadStreamingPayload or InterceptorAccessKind.WriteStreamingPayload => MessagePosition.StreamingPayload,
        _ => MessagePosition.StreamingResult,
    };

    private static bool IsWrite(InterceptorAccessKind kind) =>
        kind is InterceptorAccessKind.WritePayload or InterceptorAccessKind.WriteResult or InterceptorAccessKind.WriteStreamingPayload or InterceptorAccessKind.WriteStreamingResult;
}
