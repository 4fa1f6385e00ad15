// Licensed under the MIT license. See LICENSE in the project root.

using System.Reflection;
using Serow.Design;
using Serow.Dsl.Expressions;

namespace Serow.Dsl;

/// <summary>Runs the four phases of a design run: execute, prepare, validate and finalize.</summary>
internal sealed class DesignEvaluator
{
    private readonly List<Design> _designs = [];
    private readonly List<DesignDiagnostic> _diagnostics = [];

    public void Instantiate(Type type)
    {
        try
        {
            _designs.Add((Design)Activator.CreateInstance(type)!);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is { } inner)
        {
            _diagnostics.Add(new DesignDiagnostic(
                DiagnosticIds.DesignThrew,
                $"design {type.Name}: the constructor threw {inner.GetType().Name}: {inner.Message}",
                SourceLocator.FromException(inner)));
        }
    }

    public DesignResult Evaluate()
    {
        Execute();
        var model = Gather();
        new CompositionExpander(_diagnostics).Expand(model);
        Prepare(model);
        new DesignValidator(model, _diagnostics).Validate();
        var diagnostics = _diagnostics
            .Concat(_designs.SelectMany(d => d.Recorder.Diagnostics))
            .Select((d, i) => (d, i))
            .OrderBy(x => x.d.Location.File, StringComparer.Ordinal)
            .ThenBy(x => x.d.Location.Line)
            .ThenBy(x => x.i)
            .Select(x => x.d)
            .ToArray();
        var root = diagnostics.Length == 0 ? DesignFinalizer.Finalize(model) : null;
        return new DesignResult(root, diagnostics);
    }

    private void Execute()
    {
        // Goa's order: the API first, then every type, then services, so that service blocks can use
        // types whose blocks were declared later in the constructor.
        foreach (var design in _designs)
        {
            foreach (var api in design.Recorder.Apis.ToArray())
            {
                design.Recorder.Run(api, api.Block!, api.Location);
            }
        }

        foreach (var design in _designs)
        {
            foreach (var type in design.Recorder.Types.ToArray())
            {
                design.Recorder.Run(type, type.Block!, type.Location);
            }
        }

        foreach (var design in _designs)
        {
            foreach (var service in design.Recorder.Services.ToArray())
            {
                design.Recorder.Run(service, service.Block!, service.Location);
            }
        }
    }

    private DesignModel Gather()
    {
        var apis = _designs.SelectMany(d => d.Recorder.Apis).ToList();
        var api = apis.FirstOrDefault() ?? new ApiExpr { Name = "api", Location = SourceLocation.Unknown };
        foreach (var extra in apis.Skip(1))
        {
            _diagnostics.Add(new DesignDiagnostic(
                DiagnosticIds.DeclaredTwice,
                $"{extra.Label}: a design has a single API, already declared as \"{api.Name}\" at {api.Location}; remove one API declaration",
                extra.Location));
        }

        return new DesignModel(
            api,
            _designs.SelectMany(d => d.Recorder.Types).Concat(_designs.SelectMany(d => d.Recorder.GeneratedTypes)).ToList(),
            _designs.SelectMany(d => d.Recorder.Services).ToList())
        {
            SecuritySchemes = _designs.SelectMany(d => d.Recorder.SecuritySchemes).ToList(),
            Interceptors = _designs.SelectMany(d => d.Recorder.Interceptors).ToList(),
        };
    }

    private static void Prepare(DesignModel model)
    {
        foreach (var type in model.Types)
        {
            PrepareAttribute(type.Attribute);
        }

        foreach (var service in model.Services)
        {
            foreach (var method in service.Methods)
            {
                foreach (var attribute in new[] { method.Payload, method.Result, method.StreamingPayload, method.StreamingResult })
                {
                    if (attribute is not null)
                    {
                        PrepareAttribute(attribute);
                    }
                }

                if (service.Grpc is not null && method.Grpc is null)
                {
                    method.Grpc = new GrpcEndpointExpr { Location = service.Grpc.Location, Label = method.Label + " gRPC" };
                }

                if (service.Http is not null && method.Http is null)
                {
                    method.Http = DefaultHttpEndpoint(service, method);
                }

                if (method.Resumable is { } resumable)
                {
                    MapResumable(method, resumable);
                }

                if (method.Grpc is { } grpc && !grpc.Responses.Any(r => r.ErrorName is null))
                {
                    grpc.Responses.Insert(0, new GrpcResponseExpr(GrpcCode.OK, null, grpc.Location));
                }

                if (method.Http is { } http && !http.Responses.Any(r => r.ErrorName is null))
                {
                    var status = method.Result is null && method.StreamingResult is null ? 204 : 200;
                    http.Responses.Insert(0, new HttpResponseExpr(status, null, http.Location));
                }
            }
        }
    }

    /// <summary>
    /// A service-level <c>HTTP</c> block serves every method over HTTP, as a service-level <c>GRPC</c> block does for gRPC:
    /// a method without its own mapping gets POST (unary, payload in the body) or GET (streaming, payload in the query)
    /// on <c>/&lt;service&gt;/&lt;method&gt;</c>, or <c>/&lt;method&gt;</c> under the service's <c>Path</c> prefix.
    /// </summary>
    private static HttpEndpointExpr DefaultHttpEndpoint(ServiceExpr service, MethodExpr method)
    {
        var location = service.Http!.Location;
        var streaming = method.StreamingPayload is not null || method.StreamingResult is not null;
        var path = service.Http.PathPrefix is null ? $"/{service.Name}/{method.Name}" : $"/{method.Name}";
        var http = new HttpEndpointExpr { Location = location, Label = method.Label + " HTTP" };
        http.Routes.Add(new HttpRouteExpr(streaming ? "GET" : "POST", path, location));
        if (streaming && method.Payload is { } oneShot && JsonValue.Resolve(oneShot.Type) is ObjectTypeExpr payload)
        {
            foreach (var attribute in payload.Attributes)
            {
                http.Params.Add(new HttpMappingExpr(attribute.Name, attribute.Name, location));
            }
        }

        return http;
    }

    /// <summary>
    /// Puts a resumable stream's positions where each transport carries them unless the design mapped them itself: the
    /// SSE event id and <c>Last-Event-ID</c>, a WebSocket query parameter named like the attribute, gRPC request metadata.
    /// </summary>
    private static void MapResumable(MethodExpr method, ResumableExpr resumable)
    {
        var resume = resumable.ResumeAfter.Name;
        if (method.Http is { } http)
        {
            if (http.Sse is { } sse)
            {
                sse.Id ??= resumable.Position;
                sse.RequestId ??= resumable.ResumeAfter;
            }
            else if (!http.Params.Any(p => p.Attribute == resume) && !http.Headers.Any(h => h.Attribute == resume)
                && !http.Cookies.Any(c => c.Attribute == resume)
                && !http.Routes.Any(r => r.Path.Contains("{" + resume + "}", StringComparison.Ordinal)))
            {
                http.Params.Add(new HttpMappingExpr(resume, resume, resumable.Location));
            }
        }

        if (method.Grpc is { } grpc && !grpc.Metadata.Any(m => m.Name == resume) && !grpc.Message.Any(m => m.Name == resume))
        {
            grpc.Metadata.Add(resumable.ResumeAfter);
        }
    }

    /// <summary>Gives untyped attributes their String default and names array elements and map parts after their owner.</summary>
    private static void PrepareAttribute(AttributeExpr attribute)
    {
        attribute.Type ??= new PrimitiveTypeExpr(PrimitiveKind.String);
        switch (attribute.Type)
        {
            case ObjectTypeExpr obj:
                foreach (var member in obj.Attributes)
                {
                    PrepareAttribute(member);
                }

                break;
            case ArrayTypeExpr array:
                array.Element.Label = attribute.Label + " element";
                PrepareAttribute(array.Element);
                break;
            case MapTypeExpr map:
                map.Key.Label = attribute.Label + " key";
                map.Value.Label = attribute.Label + " value";
                PrepareAttribute(map.Key);
                PrepareAttribute(map.Value);
                break;
        }
    }
}

/// <summary>The merged expressions of every design class of one run.</summary>
internal sealed record DesignModel(ApiExpr Api, List<UserTypeExpr> Types, List<ServiceExpr> Services)
{
    public List<SecuritySchemeExpr> SecuritySchemes { get; init; } = [];

    public List<InterceptorExpr> Interceptors { get; init; } = [];
}
