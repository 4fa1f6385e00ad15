// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;
using Serow.Dsl.Expressions;

namespace Serow.Dsl;

/// <summary>Turns the validated expressions into the immutable model.</summary>
internal static class DesignFinalizer
{
    public static DesignRoot Finalize(DesignModel model) => new()
    {
        Api = new ApiDesign
        {
            Name = model.Api.Name,
            Title = model.Api.Title,
            Description = model.Api.Description,
            Version = model.Api.Version,
            Contact = model.Api.Contact?.Value,
            License = model.Api.License?.Value,
            TermsOfService = model.Api.TermsOfService?.Value,
            Docs = model.Api.Docs?.Value,
            Errors = model.Api.Errors.Select(ToError).ToEquatableArray(),
            Servers = model.Api.Servers.Select(s => new ServerDesign
            {
                Name = s.Name,
                Description = s.Description,
                Services = s.Services.Select(n => n.Name).ToEquatableArray(),
                Hosts = s.Hosts.Select(h => new HostDesign
                {
                    Name = h.Name,
                    Description = h.Description,
                    Uris = h.Uris.Select(u => u.Uri).ToEquatableArray(),
                    Variables = h.Variables.Select(ToAttribute).ToEquatableArray(),
                    Location = h.Location,
                }).ToEquatableArray(),
                Location = s.Location,
            }).ToEquatableArray(),
            Http = ToHttpService(model.Api.Http),
            Security = ToRequirements(model.Api.Security),
            ServerInterceptors = model.Api.Interceptors.Server.Select(n => n.Name).ToEquatableArray(),
            ClientInterceptors = model.Api.Interceptors.Client.Select(n => n.Name).ToEquatableArray(),
            Meta = model.Api.Meta.ToEquatableArray(),
            Location = model.Api.Location,
        },
        SecuritySchemes = model.SecuritySchemes.Select(ToScheme).ToEquatableArray(),
        Interceptors = model.Interceptors.Select(i => new InterceptorDesign
        {
            Name = i.Name,
            Description = i.Description,
            Access = i.Access.Select(a => new InterceptorAccessDesign(a.Kind, a.Attributes.Select(n => n.Name).ToEquatableArray(), a.Location)).ToEquatableArray(),
            Location = i.Location,
        }).ToEquatableArray(),
        Services = model.Services.Select(ToService).ToEquatableArray(),
        Types = model.Types.Select(ToUserType).ToEquatableArray(),
    };

    private static UserTypeDesign ToUserType(UserTypeExpr type) => new()
    {
        Name = type.Name,
        Description = type.Description,
        Type = ToType(type.Attribute.Type),
        IsResultType = type.IsResult,
        Identifier = type.Identifier,
        Views = type.EffectiveViews.Select(v => ToView(type, v)).ToEquatableArray(),
        Conversions = type.Conversions.Select(c => new TypeConversionDesign(
            c.ToExternal,
            ConversionAnalyzer.Reference(c.External),
            c.External.Name,
            ConversionAnalyzer.Analyze(type, c.External, c.ToExternal).Mappings.ToEquatableArray(),
            c.Location)).ToEquatableArray(),
        Meta = type.Meta.ToEquatableArray(),
        Location = type.Location,
    };

    private static ViewDesign ToView(UserTypeExpr type, ViewExpr view)
    {
        var attributes = view.AllAttributes
            ? (JsonValue.Resolve((type.CollectionElement ?? type).Attribute.Type) as ObjectTypeExpr)?.Attributes.Select(a => a.Name) ?? []
            : view.Attributes.Select(a => a.Name);
        return new ViewDesign(view.Name, attributes.ToEquatableArray(), view.Location);
    }

    private static ServiceDesign ToService(ServiceExpr service) => new()
    {
        Name = service.Name,
        Description = service.Description,
        Methods = service.Methods.Select(ToMethod).ToEquatableArray(),
        Errors = service.Errors.Select(ToError).ToEquatableArray(),
        Files = service.Files.Select(f => new FilesDesign(f.Path, f.FileName, f.Description, f.Location)).ToEquatableArray(),
        Http = ToHttpService(service.Http),
        Grpc = service.Grpc is null ? null : new GrpcServiceDesign
        {
            Responses = service.Grpc.Responses.Select(ToGrpcResponse).ToEquatableArray(),
            Location = service.Grpc.Location,
        },
        Security = ToRequirements(service.Security),
        NoSecurity = service.Security.NoSecurity is not null,
        ServerInterceptors = service.Interceptors.Server.Select(n => n.Name).ToEquatableArray(),
        ClientInterceptors = service.Interceptors.Client.Select(n => n.Name).ToEquatableArray(),
        Meta = service.Meta.ToEquatableArray(),
        Location = service.Location,
    };

    private static MethodDesign ToMethod(MethodExpr method) => new()
    {
        Name = method.Name,
        Description = method.Description,
        Payload = ToAttributeOrNull(method.Payload),
        Result = ToAttributeOrNull(method.Result),
        StreamingPayload = ToAttributeOrNull(method.StreamingPayload),
        StreamingResult = ToAttributeOrNull(method.StreamingResult),
        ResultView = method.ResultView?.Name,
        Resumable = method.Resumable is { } resumable ? new ResumableDesign(resumable.Position.Name, resumable.ResumeAfter.Name, resumable.Location) : null,
        Errors = method.Errors.Select(ToError).ToEquatableArray(),
        Http = method.Http is { } http ? ToHttpEndpoint(http) : null,
        Grpc = method.Grpc is { } grpc ? new GrpcEndpointDesign
        {
            Responses = grpc.Responses.Select(ToGrpcResponse).ToEquatableArray(),
            Metadata = grpc.Metadata.Select(n => n.Name).ToEquatableArray(),
            Message = grpc.Message.Select(n => n.Name).ToEquatableArray(),
            ResponseHeaders = grpc.ResponseHeaders.Select(n => n.Name).ToEquatableArray(),
            ResponseTrailers = grpc.ResponseTrailers.Select(n => n.Name).ToEquatableArray(),
            Location = grpc.Location,
        }
        : null,
        Security = ToRequirements(method.Security),
        NoSecurity = method.Security.NoSecurity is not null,
        ServerInterceptors = method.Interceptors.Server.Select(n => n.Name).ToEquatableArray(),
        ClientInterceptors = method.Interceptors.Client.Select(n => n.Name).ToEquatableArray(),
        Meta = method.Meta.ToEquatableArray(),
        Location = method.Location,
    };

    private static SecuritySchemeDesign ToScheme(SecuritySchemeExpr scheme) => new()
    {
        Name = scheme.Name,
        Kind = scheme.Kind,
        Description = scheme.Description,
        Scopes = scheme.Scopes.Select(s => new SecurityScopeDesign(s.Name, s.Description)).ToEquatableArray(),
        Flows = scheme.Flows.ToEquatableArray(),
        Location = scheme.Location,
    };

    private static EquatableArray<SecurityRequirementDesign> ToRequirements(SecurityExpr security) =>
        security.Requirements.Select(r => new SecurityRequirementDesign
        {
            Schemes = r.Schemes.ToEquatableArray(),
            Scopes = r.Scopes.Select(s => s.Name).ToEquatableArray(),
            Location = r.Location,
        }).ToEquatableArray();

    private static HttpEndpointDesign ToHttpEndpoint(HttpEndpointExpr http) => new()
    {
        Routes = http.Routes.Select(r => new HttpRouteDesign(r.Method, r.Path, r.Location)).ToEquatableArray(),
        Params = http.Params.Select(ToMapping).ToEquatableArray(),
        Headers = http.Headers.Select(ToMapping).ToEquatableArray(),
        Cookies = http.Cookies.Select(ToMapping).ToEquatableArray(),
        BodyAttribute = http.Body?.Name,
        BodyIsEmpty = http.NoBody is not null,
        Responses = http.Responses.Select(ToHttpResponse).ToEquatableArray(),
        SkipRequestBodyEncodeDecode = http.SkipRequest is not null,
        SkipResponseBodyEncodeDecode = http.SkipResponse is not null,
        ServerSentEvents = ToSse(http.Sse),
        Redirect = http.Redirect is { } redirect ? new HttpRedirectDesign(redirect.Url, redirect.Status) : null,
        MultipartRequest = http.Multipart is not null,
        ContentType = http.ContentType?.MediaType,
        MapParams = http.MapParams?.Name,
        Location = http.Location,
    };

    private static HttpServiceDesign? ToHttpService(HttpServiceExpr? http) => http is null ? null : new HttpServiceDesign
    {
        PathPrefix = http.PathPrefix,
        Parent = http.Parent?.Name,
        CanonicalMethod = http.CanonicalMethod?.Name,
        Responses = http.Responses.Select(ToHttpResponse).ToEquatableArray(),
        ServerSentEvents = ToSse(http.Sse),
        Location = http.Location,
    };

    private static SseDesign? ToSse(SseExpr? sse) => sse is null ? null : new SseDesign
    {
        DataAttribute = sse.Data?.Name,
        IdAttribute = sse.Id?.Name,
        EventAttribute = sse.Event?.Name,
        RetryAttribute = sse.Retry?.Name,
        RequestIdAttribute = sse.RequestId?.Name,
        AnswersJson = sse.AnswerJson is not null,
        AnswersNdjson = sse.AnswerNdjson is not null,
        Location = sse.Location,
    };

    private static HttpMappingDesign ToMapping(HttpMappingExpr m) => new(m.Attribute, m.WireName, m.Location);

    private static HttpResponseDesign ToHttpResponse(HttpResponseExpr r) => new(r.Status, r.ErrorName, r.Location)
    {
        Headers = r.Headers.Select(ToMapping).ToEquatableArray(),
        Cookies = r.Cookies.Select(ToMapping).ToEquatableArray(),
        Cookie = r.Cookie,
        Tag = r.Tag?.Tag,
    };

    private static GrpcResponseDesign ToGrpcResponse(GrpcResponseExpr r) => new(r.Code, r.ErrorName, r.Location);

    private static ErrorDesign ToError(ErrorExpr error) => new()
    {
        Name = error.Name,
        Description = error.Description,
        Type = error.Type is null ? null : ToType(error.Type),
        Temporary = error.Temporary,
        Timeout = error.Timeout,
        Fault = error.Fault,
        Location = error.Location,
    };

    private static AttributeDesign? ToAttributeOrNull(AttributeExpr? attribute) => attribute is null ? null : ToAttribute(attribute);

    private static AttributeDesign ToAttribute(AttributeExpr attribute) => new()
    {
        Name = attribute.Name,
        Type = ToType(attribute.Type),
        Description = attribute.Description,
        Validation = ToValidation(attribute.Validations),
        DefaultJson = attribute.DefaultJson,
        Examples = attribute.Examples.Select(e => new ExampleDesign(e.Summary, e.ValueJson)).ToEquatableArray(),
        Meta = attribute.Meta.ToEquatableArray(),
        FieldNumber = attribute.FieldNumber,
        Location = attribute.Location,
    };

    private static DataType ToType(TypeExpr? type) => type switch
    {
        null => new PrimitiveType(PrimitiveKind.String),
        PrimitiveTypeExpr p => new PrimitiveType(p.Kind),
        ArrayTypeExpr a => new ArrayType(ToAttribute(a.Element)),
        MapTypeExpr m => new MapType(ToAttribute(m.Key), ToAttribute(m.Value)),
        ObjectTypeExpr o => new ObjectType(
            o.Attributes.Select(ToAttribute).ToEquatableArray(),
            o.Required.Select(r => r.Name).Distinct(StringComparer.Ordinal).ToEquatableArray()),
        UnionTypeExpr u => new UnionType(u.Branches.Select(ToAttribute).ToEquatableArray()),
        UserTypeExpr u => new UserTypeRef(u.Name),
        _ => throw new InvalidOperationException($"Unknown type expression {type.GetType().Name}."),
    };

    private static ValidationDesign ToValidation(List<ValidationCall> calls)
    {
        var validation = ValidationDesign.None;
        foreach (var call in calls)
        {
            validation = call.Verb switch
            {
                "Enum" => validation with { EnumJson = ((object[])call.Value!).Select(JsonValue.Serialize).ToEquatableArray() },
                "Pattern" => validation with { Pattern = (string)call.Value! },
                "Format" => validation with { Format = (string)call.Value! },
                "MinLength" => validation with { MinLength = (int)call.Value! },
                "MaxLength" => validation with { MaxLength = (int)call.Value! },
                "Minimum" => validation with { Minimum = (double)call.Value! },
                "Maximum" => validation with { Maximum = (double)call.Value! },
                "ExclusiveMinimum" => validation with { ExclusiveMinimum = (double)call.Value! },
                "ExclusiveMaximum" => validation with { ExclusiveMaximum = (double)call.Value! },
                _ => validation,
            };
        }

        return validation;
    }
}
