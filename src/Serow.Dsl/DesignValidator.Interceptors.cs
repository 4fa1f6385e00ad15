// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;
using Serow.Dsl.Expressions;

namespace Serow.Dsl;

/// <content>Interceptors and the attributes they name.</content>
internal sealed partial class DesignValidator
{
    private void ValidateInterceptors()
    {
        Duplicates(model.Interceptors, i => i.Name, i => i.Location, (i, first) => $"{i.Label} is declared twice (first at {first.Location}); rename one of the interceptors");
        foreach (var interceptor in model.Interceptors)
        {
            Duplicates(interceptor.Access, a => a.Kind.ToString(), a => a.Location, (a, first) => $"{interceptor.Label}: {a.Kind} is declared twice (first at {first.Location}); list every attribute in one {a.Kind}");
            foreach (var (kind, attributes, location) in interceptor.Access.Where(a => a.Attributes.Count == 0))
            {
                Report(DiagnosticIds.InvalidArgument, $"{interceptor.Label}: {kind} names no attribute; list the attributes it reads or writes with Attribute(\"name\")", location);
            }
        }

        foreach (var service in model.Services)
        {
            foreach (var method in service.Methods)
            {
                CheckInterceptorsOf(method, "ServerInterceptor", [.. model.Api.Interceptors.Server, .. service.Interceptors.Server, .. method.Interceptors.Server]);
                CheckInterceptorsOf(method, "ClientInterceptor", [.. model.Api.Interceptors.Client, .. service.Interceptors.Client, .. method.Interceptors.Client]);
            }
        }

        // An API or service without methods still names its interceptors.
        foreach (var use in new[] { model.Api.Interceptors }.Concat(model.Services.Select(s => s.Interceptors)))
        {
            foreach (var name in use.Server.Concat(use.Client).Where(n => model.Interceptors.All(i => i.Name != n.Name)))
            {
                if (!_reportedInterceptors.Add(name))
                {
                    continue;
                }

                UnknownInterceptor(name, "the design");
            }
        }
    }

    private readonly HashSet<NameRef> _reportedInterceptors = [];

    private void CheckInterceptorsOf(MethodExpr method, string verb, List<NameRef> applied)
    {
        var seen = new Dictionary<string, NameRef>(StringComparer.Ordinal);
        foreach (var use in applied)
        {
            if (!seen.TryAdd(use.Name, use))
            {
                Report(DiagnosticIds.InterceptorAppliedTwice, $"{method.Label}: {verb}(\"{use.Name}\") applies the interceptor a second time (first at {seen[use.Name].Location}); apply it once, at the API, the service or the method", use.Location);
                continue;
            }

            if (model.Interceptors.FirstOrDefault(i => i.Name == use.Name) is not { } interceptor)
            {
                if (_reportedInterceptors.Add(use))
                {
                    UnknownInterceptor(use, method.Label);
                }

                continue;
            }

            foreach (var (kind, attributes, _) in interceptor.Access)
            {
                var (target, words) = kind switch
                {
                    InterceptorAccessKind.ReadPayload or InterceptorAccessKind.WritePayload => (method.Payload, "payload"),
                    InterceptorAccessKind.ReadResult or InterceptorAccessKind.WriteResult => (method.Result, "result"),
                    InterceptorAccessKind.ReadStreamingPayload or InterceptorAccessKind.WriteStreamingPayload => (method.StreamingPayload, "streaming payload"),
                    _ => (method.StreamingResult, "streaming result"),
                };
                if (target is null)
                {
                    Report(DiagnosticIds.InterceptorAttribute, $"{method.Label}: {interceptor.Label} ({verb} at {use.Location}) uses {kind}, but the method has no {words}; apply the interceptor to methods with a {words}", use.Location);
                    continue;
                }

                var members = AsObject(target.Type)?.Attributes.Select(a => a.Name).ToList();
                foreach (var attribute in attributes.Where(a => members is null || !members.Contains(a.Name, StringComparer.Ordinal)))
                {
                    Report(DiagnosticIds.InterceptorAttribute,
                        $"{method.Label}: {interceptor.Label} ({verb} at {use.Location}) {(kind.ToString().StartsWith("Read", StringComparison.Ordinal) ? "reads" : "writes")} {words} attribute \"{attribute.Name}\", which the {words} does not have ({(members is null ? "it is not an object" : "it has " + string.Join(", ", members.Select(m => $"\"{m}\"")))}); declare the attribute or apply the interceptor elsewhere",
                        use.Location);
                }
            }
        }
    }

    private void UnknownInterceptor(NameRef use, string where) =>
        Report(DiagnosticIds.UnknownInterceptor,
            $"{where}: interceptor \"{use.Name}\" is not declared ({(model.Interceptors.Count == 0 ? "the design declares none" : "declared: " + string.Join(", ", model.Interceptors.Select(i => $"\"{i.Name}\"")))}); declare it with Interceptor(name, block) at the top level of the design",
            use.Location);
}
