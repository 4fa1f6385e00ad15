// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;
using Serow.Dsl.Expressions;

namespace Serow.Dsl;

/// <content>gRPC rules.</content>
internal sealed partial class DesignValidator
{
    private const int MaxFieldNumber = 536_870_911;

    private void ValidateGrpc(MethodExpr method, GrpcEndpointExpr grpc)
    {
        var payload = method.Payload is null ? null : AsObject(method.Payload.Type);
        foreach (var (verb, names) in new[] { ("Metadata", grpc.Metadata), ("Message", grpc.Message) })
        {
            foreach (var name in names.Where(n => payload?.Find(n.Name) is null))
            {
                Report(
                    DiagnosticIds.UnknownGrpcAttribute,
                    $"{method.Label} payload attribute \"{name.Name}\": {verb} names an attribute the payload does not have; declare it in the Payload or fix the name",
                    name.Location);
            }
        }

        foreach (var both in grpc.Message.Where(m => grpc.Metadata.Any(d => d.Name == m.Name)))
        {
            Report(
                DiagnosticIds.GrpcMessageAndMetadata,
                $"{method.Label} payload attribute \"{both.Name}\": an attribute travels either in the message or in metadata; remove it from Message or from Metadata",
                both.Location);
        }

        ValidateGrpcResponseMetadata(method, grpc);
        var metadata = grpc.Metadata.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var attribute in new[] { method.Payload, method.Result, method.StreamingPayload, method.StreamingResult })
        {
            if (attribute is null)
            {
                continue;
            }

            CheckAny(method, attribute, []);
            var excluded = attribute == method.Payload ? metadata
                : attribute == method.Result ? grpc.ResponseHeaders.Concat(grpc.ResponseTrailers).Select(n => n.Name).ToHashSet(StringComparer.Ordinal)
                : [];
            switch (attribute.Type)
            {
                case ObjectTypeExpr obj:
                    CheckMessageFields(method, obj, excluded);
                    break;
                case UserTypeExpr user:
                    CheckUserTypeFields(method, user);
                    break;
                default:
                    CheckNested(method, attribute.Type);
                    break;
            }
        }
    }

    // Response(code, block) with Headers and Trailers: primitives of an object result of a unary method.
    private void ValidateGrpcResponseMetadata(MethodExpr method, GrpcEndpointExpr grpc)
    {
        var result = method.Result is null ? null : AsObject(method.Result.Type);
        foreach (var (verb, names) in new[] { ("Headers", grpc.ResponseHeaders), ("Trailers", grpc.ResponseTrailers) })
        {
            foreach (var name in names)
            {
                var why = method.IsStreaming ? "the method streams (a stream's messages carry every attribute)"
                    : result is null ? "the method has no object result"
                    : result.Find(name.Name) is not { } attribute ? $"the result has no attribute \"{name.Name}\""
                    : Resolve(attribute.Type) is not PrimitiveTypeExpr { Kind: not PrimitiveKind.Any } ? $"\"{name.Name}\" is {Describe(attribute.Type)}, not a primitive"
                    : verb == "Trailers" && grpc.ResponseHeaders.Any(h => h.Name == name.Name) ? $"\"{name.Name}\" is already in the response headers"
                    : null;
                if (why is not null)
                {
                    Report(DiagnosticIds.GrpcResponseMetadata, $"{method.Label} gRPC: {verb} cannot carry result attribute \"{name.Name}\": {why}", name.Location);
                }
            }
        }
    }

    private void CheckAny(MethodExpr method, AttributeExpr attribute, HashSet<UserTypeExpr> path)
    {
        switch (attribute.Type)
        {
            case PrimitiveTypeExpr { Kind: PrimitiveKind.Any }:
                Report(
                    DiagnosticIds.GrpcAnyType,
                    $"{attribute.Label}: Any is not supported in gRPC messages ({method.Label} is served over gRPC); use a concrete type",
                    attribute.Location);
                break;
            case ObjectTypeExpr obj:
                foreach (var member in obj.Attributes)
                {
                    CheckAny(method, member, path);
                }

                break;
            case UnionTypeExpr union:
                foreach (var branch in union.Branches)
                {
                    CheckAny(method, branch, path);
                }

                break;
            case ArrayTypeExpr array:
                CheckAny(method, array.Element, path);
                break;
            case MapTypeExpr map:
                CheckAny(method, map.Key, path);
                CheckAny(method, map.Value, path);
                break;
            case UserTypeExpr user when _anyCheckedTypes.Add(user):
                CheckAny(method, user.Attribute, path);
                break;
        }
    }

    private void CheckUserTypeFields(MethodExpr method, UserTypeExpr user)
    {
        if (!_grpcCheckedTypes.Add(user))
        {
            return;
        }

        if (user.Attribute.Type is ObjectTypeExpr obj)
        {
            CheckMessageFields(method, obj, []);
        }
        else
        {
            CheckNested(method, user.Attribute.Type);
        }
    }

    private void CheckNested(MethodExpr method, TypeExpr? type)
    {
        switch (type)
        {
            case ObjectTypeExpr obj:
                CheckMessageFields(method, obj, []);
                break;
            case UserTypeExpr user:
                CheckUserTypeFields(method, user);
                break;
            case UnionTypeExpr union:
                CheckBranches(method, union);
                break;
            case ArrayTypeExpr array:
                CheckNested(method, array.Element.Type);
                break;
            case MapTypeExpr map:
                CheckNested(method, map.Value.Type);
                break;
        }
    }

    // A named union travels as a message holding one oneof; an inline OneOf is a oneof of its object's message, its
    // branches numbered among the object's fields. Protobuf has no repeated or map field inside a oneof.
    private void CheckBranches(MethodExpr method, UnionTypeExpr union)
    {
        var message = new ObjectTypeExpr();
        message.Attributes.AddRange(union.Branches);
        CheckMessageFields(method, message, []);
    }

    private void CheckBranchShape(MethodExpr method, AttributeExpr branch)
    {
        if (Resolve(branch.Type) is ArrayTypeExpr or MapTypeExpr)
        {
            Report(
                DiagnosticIds.UnionBranch,
                $"{branch.Label}: a protobuf oneof cannot hold {Describe(branch.Type)} ({method.Label} is served over gRPC); wrap it in a Type with one attribute",
                branch.Location);
        }
    }

    private void CheckMessageFields(MethodExpr method, ObjectTypeExpr message, HashSet<string> excluded)
    {
        var used = new Dictionary<int, AttributeExpr>();
        var fields = message.Attributes
            .Where(a => !excluded.Contains(a.Name))
            .SelectMany(a => a.Type is UnionTypeExpr inline ? inline.Branches : [a]);
        foreach (var attribute in fields)
        {
            if (attribute.Role == AttributeRole.Branch)
            {
                CheckBranchShape(method, attribute);
            }

            if (attribute.FieldNumber is not { } number)
            {
                Report(
                    DiagnosticIds.GrpcMissingFieldNumber,
                    $"{attribute.Label}: gRPC messages need a field number on every attribute ({method.Label} is served over gRPC); declare it with Field(n, \"{attribute.Name}\", …) instead of Attribute",
                    attribute.Location);
            }
            else if (number is < 1 or > MaxFieldNumber or (>= 19000 and <= 19999))
            {
                Report(
                    DiagnosticIds.GrpcFieldNumberOutOfRange,
                    $"{attribute.Label}: field number {number} is not allowed; use 1 to {MaxFieldNumber}, except 19000 to 19999 which protobuf reserves",
                    attribute.Location);
            }
            else if (!used.TryAdd(number, attribute))
            {
                Report(
                    DiagnosticIds.GrpcDuplicateFieldNumber,
                    $"{attribute.Label}: field number {number} is already used by {(used[number].Role == AttributeRole.Branch ? "branch" : "attribute")} \"{used[number].Name}\"; give each attribute and branch of a message its own number",
                    attribute.Location);
            }

            CheckNested(method, attribute.Type);
        }
    }
}
