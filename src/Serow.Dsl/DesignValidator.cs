// Licensed under the MIT license. See LICENSE in the project root.

using System.Text.RegularExpressions;
using Serow.Design;
using Serow.Dsl.Expressions;

namespace Serow.Dsl;

/// <summary>Checks the executed design and records every error; never stops at the first one.</summary>
internal sealed partial class DesignValidator(DesignModel model, List<DesignDiagnostic> diagnostics)
{
    private static readonly HashSet<string> KnownFormats =
    [
        "date", "date-time", "uuid", "email", "hostname", "ipv4", "ipv6", "ip", "uri", "mac", "cidr", "regexp", "json", "rfc1123",
    ];

    private readonly HashSet<UserTypeExpr> _grpcCheckedTypes = [];
    private readonly HashSet<UserTypeExpr> _anyCheckedTypes = [];

    public void Validate()
    {
        Duplicates(model.Types, t => t.Name, t => t.Location, (t, first) => $"{t.Label} is declared twice (first at {first.Location}); rename one of the types");
        Duplicates(model.Services, s => s.Name, s => s.Location, (s, first) => $"{s.Label} is declared twice (first at {first.Location}); rename one of the services");
        Duplicates(model.Api.Errors, e => e.Name, e => e.Location, (e, first) => $"{e.Label} is declared twice in the API (first at {first.Location}); rename one of the errors");
        if (model.Api.Http is { } apiHttp)
        {
            foreach (var misplaced in new[] { ("Parent", apiHttp.Parent), ("CanonicalMethod", apiHttp.CanonicalMethod) }.Where(v => v.Item2 is not null))
            {
                Report(DiagnosticIds.WrongPlace, $"{apiHttp.Label}: {misplaced.Item1} belongs in a Service's HTTP block, not the API's", misplaced.Item2!.Location);
            }

            CheckErrorResponses(apiHttp.Responses.Select(r => (r.ErrorName, r.Location)), apiHttp.Label, model.Api.Errors);
        }

        foreach (var type in model.Types)
        {
            ValidateType(type);
        }

        foreach (var service in model.Services)
        {
            ValidateService(service);
        }

        ValidateSecurity();
        ValidateInterceptors();
        ValidateServers();
    }

    private static TypeExpr? Resolve(TypeExpr? type) => JsonValue.Resolve(type);

    private static ObjectTypeExpr? AsObject(TypeExpr? type) => Resolve(type) as ObjectTypeExpr;

    private static string Describe(TypeExpr? type) => type?.Describe() ?? "String";

    private void Report(string id, string message, SourceLocation location) =>
        diagnostics.Add(new DesignDiagnostic(id, message, location));

    private void Duplicates<T>(IEnumerable<T> items, Func<T, string> name, Func<T, SourceLocation> location, Func<T, T, string> message)
    {
        var seen = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!seen.TryAdd(name(item), item))
            {
                Report(DiagnosticIds.DuplicateName, message(item, seen[name(item)]), location(item));
            }
        }
    }

    private void ValidateType(UserTypeExpr type)
    {
        ValidateAttribute(type.Attribute);
        foreach (var (external, toExternal, location) in type.Conversions)
        {
            foreach (var problem in ConversionAnalyzer.Analyze(type, external, toExternal).Problems)
            {
                Report(DiagnosticIds.Conversion, $"{type.Label}: {problem}", location);
            }
        }

        Duplicates(type.Views, v => v.Name, v => v.Location, (v, first) => $"{v.Label} is declared twice (first at {first.Location}); rename one of the views");
        var obj = AsObject(type.CollectionElement?.Attribute.Type ?? type.Attribute.Type);
        foreach (var view in type.Views)
        {
            foreach (var reference in view.Attributes)
            {
                if (obj?.Find(reference.Name) is null)
                {
                    Report(
                        DiagnosticIds.UnknownViewAttribute,
                        $"{view.Label}: attribute \"{reference.Name}\" is not an attribute of {type.Label}; declare it in the ResultType or remove it from the view",
                        reference.Location);
                }
            }
        }
    }

    private void ValidateService(ServiceExpr service)
    {
        Duplicates(service.Methods, m => m.Name, m => m.Location, (m, first) => $"{m.Label} is declared twice (first at {first.Location}); rename one of the methods");
        Duplicates(service.Errors, e => e.Name, e => e.Location, (e, first) => $"{e.Label} is declared twice in the service (first at {first.Location}); rename one of the errors");
        var errors = service.Errors.Concat(model.Api.Errors).ToList();
        if (service.Http is { } http)
        {
            CheckErrorResponses(http.Responses.Select(r => (r.ErrorName, r.Location)), http.Label, errors);
        }

        if (service.Grpc is { } grpc)
        {
            CheckErrorResponses(grpc.Responses.Select(r => (r.ErrorName, r.Location)), grpc.Label, errors);
        }

        foreach (var method in service.Methods)
        {
            ValidateMethod(method);
        }

        ValidateFiles(service);
        ValidateParent(service);
    }

    private void ValidateMethod(MethodExpr method)
    {
        if (method.Resumable is { } resumable)
        {
            ValidateResumable(method, resumable);
        }

        foreach (var attribute in new[] { method.Payload, method.Result, method.StreamingPayload, method.StreamingResult })
        {
            if (attribute is not null)
            {
                ValidateAttribute(attribute);
            }
        }

        Duplicates(method.Errors, e => e.Name, e => e.Location, (e, first) => $"{e.Label} is declared twice in the method (first at {first.Location}); rename one of the errors");
        if (method.ResultView is { } view && method.ResultViewOwner is { } owner)
        {
            if (owner.Type is UserTypeExpr { IsResult: true } resultType)
            {
                var views = resultType.EffectiveViews;
                var defined = views.Count == 0 ? view.Name == "default" : views.Any(v => v.Name == view.Name);
                if (!defined)
                {
                    var names = views.Count == 0 ? "\"default\"" : string.Join(", ", views.Select(v => $"\"{v.Name}\""));
                    Report(
                        DiagnosticIds.UnknownPinnedView,
                        $"{owner.Label}: view \"{view.Name}\" is not defined by {resultType.Label}; use one of {names}",
                        view.Location);
                }
            }
            else
            {
                Report(
                    DiagnosticIds.ViewOnNonResultType,
                    $"{owner.Label}: View(\"{view.Name}\") pins a view, but the type is {Describe(owner.Type)}, not a ResultType; remove View or use a ResultType",
                    view.Location);
            }
        }

        var errors = method.Errors.Concat(method.Service.Errors).Concat(model.Api.Errors).ToList();
        if (method.Http is { } http)
        {
            CheckErrorResponses(http.Responses.Select(r => (r.ErrorName, r.Location)), http.Label, errors);
            ValidateHttp(method, http);
        }

        if (method.Grpc is { } grpc)
        {
            CheckErrorResponses(grpc.Responses.Select(r => (r.ErrorName, r.Location)), grpc.Label, errors);
            ValidateGrpc(method, grpc);
        }
    }

    private void CheckErrorResponses(IEnumerable<(string? ErrorName, SourceLocation Location)> responses, string label, List<ErrorExpr> errors)
    {
        foreach (var (name, location) in responses)
        {
            if (name is not null && errors.All(e => e.Name != name))
            {
                Report(
                    DiagnosticIds.UnknownErrorResponse,
                    $"{label}: Response maps error \"{name}\", which is not declared; declare it with Error(\"{name}\") in the method, its service or the API",
                    location);
            }
        }
    }

    private void ValidateAttribute(AttributeExpr attribute)
    {
        var resolved = Resolve(attribute.Type);
        foreach (var validation in attribute.Validations)
        {
            CheckValidation(attribute, resolved, validation);
        }

        if (attribute.HasDefault && !JsonValue.Fits(attribute.Default, resolved))
        {
            Report(
                DiagnosticIds.ValueTypeMismatch,
                $"{attribute.Label}: Default value {attribute.DefaultJson} is not a valid {Describe(resolved)}; give a value of the attribute's type",
                attribute.DefaultLocation ?? attribute.Location);
        }

        switch (attribute.Type)
        {
            case ObjectTypeExpr obj:
                Duplicates(obj.Attributes, a => a.Name, a => a.Location, (a, first) => $"{a.Label} is declared twice (first at {first.Location}); rename one of the attributes");
                CheckRequired(attribute, obj, obj.Required);
                foreach (var member in obj.Attributes)
                {
                    ValidateAttribute(member);
                }

                break;
            case UserTypeExpr user:
                if (AsObject(user) is { } target)
                {
                    CheckRequired(attribute, target, attribute.RequiredOnReference);
                }
                else if (attribute.RequiredOnReference.Count > 0)
                {
                    Report(DiagnosticIds.NotAnObject, $"{attribute.Label}: Required needs an object, but {user.Label} is not one", attribute.RequiredOnReference[0].Location);
                }

                break;
            case UnionTypeExpr union:
                ValidateUnion(attribute, union);
                break;
            case ArrayTypeExpr array:
                ValidateAttribute(array.Element);
                break;
            case MapTypeExpr map:
                ValidateAttribute(map.Key);
                ValidateAttribute(map.Value);
                break;
        }
    }

    private void ValidateUnion(AttributeExpr attribute, UnionTypeExpr union)
    {
        if (union.Branches.Count == 0)
        {
            Report(
                DiagnosticIds.UnionBranch,
                $"{attribute.Label}: the union has no branches; declare each one in its block with Attribute(name, type) or Field(n, name, type)",
                attribute.Location);
        }

        Duplicates(union.Branches, b => b.Name, b => b.Location, (b, first) => $"{b.Label} is declared twice (first at {first.Location}); rename one of the branches");
        foreach (var branch in union.Branches)
        {
            if (branch.HasDefault)
            {
                Report(
                    DiagnosticIds.UnionBranch,
                    $"{branch.Label}: a union branch cannot have a Default (the value always names its branch); remove Default",
                    branch.DefaultLocation ?? branch.Location);
            }

            ValidateAttribute(branch);
        }
    }

    private void CheckRequired(AttributeExpr owner, ObjectTypeExpr obj, List<NameRef> required)
    {
        foreach (var name in required)
        {
            if (obj.Find(name.Name) is null)
            {
                var known = obj.Attributes.Count == 0 ? "it has no attributes" : "it has " + string.Join(", ", obj.Attributes.Select(a => $"\"{a.Name}\""));
                Report(
                    DiagnosticIds.UnknownRequired,
                    $"{owner.Label} attribute \"{name.Name}\": Required names an attribute that does not exist ({known}); declare the attribute or fix the name",
                    name.Location);
            }
        }
    }

    private void CheckValidation(AttributeExpr attribute, TypeExpr? type, ValidationCall call)
    {
        var primitive = type as PrimitiveTypeExpr;
        bool isString = primitive?.Kind == PrimitiveKind.String;
        bool isNumber = primitive?.IsNumber == true;
        bool hasLength = isString || primitive?.Kind == PrimitiveKind.Bytes || type is ArrayTypeExpr or MapTypeExpr;
        string? needs = call.Verb switch
        {
            "Pattern" or "Format" when !isString => "String attributes",
            "MinLength" or "MaxLength" when !hasLength => "String, Bytes, array and map attributes",
            "Minimum" or "Maximum" or "ExclusiveMinimum" or "ExclusiveMaximum" when !isNumber => "numeric attributes",
            _ => null,
        };
        if (needs is not null)
        {
            Report(
                DiagnosticIds.ValidationTypeMismatch,
                $"{attribute.Label}: {call.Verb} applies to {needs}, but the type is {Describe(type)}; remove {call.Verb} or change the type",
                call.Location);
            return;
        }

        switch (call.Verb)
        {
            case "Format" when call.Value is string format && !KnownFormats.Contains(format):
                Report(
                    DiagnosticIds.UnknownFormat,
                    $"{attribute.Label}: Format \"{format}\" is unknown; use one of the Format* constants ({string.Join(", ", KnownFormats)})",
                    call.Location);
                break;
            case "Pattern" when call.Value is string pattern && !IsRegex(pattern):
                Report(DiagnosticIds.InvalidArgument, $"{attribute.Label}: Pattern \"{pattern}\" is not a valid regular expression", call.Location);
                break;
            case "MinLength" or "MaxLength" when call.Value is < 0:
                Report(DiagnosticIds.InvalidArgument, $"{attribute.Label}: {call.Verb} cannot be negative", call.Location);
                break;
            case "Enum" when call.Value is object[] values:
                foreach (var value in values.Where(v => !JsonValue.Fits(v, type)))
                {
                    Report(
                        DiagnosticIds.ValueTypeMismatch,
                        $"{attribute.Label}: Enum value {JsonValue.Serialize(value)} is not a valid {Describe(type)}; list values of the attribute's type",
                        call.Location);
                }

                break;
        }
    }

    private static bool IsRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
