// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;
using Serow.Dsl.Expressions;

namespace Serow.Dsl;

/// <content>Resumable streams.</content>
internal sealed partial class DesignValidator
{
    private void ValidateResumable(MethodExpr method, ResumableExpr resumable)
    {
        if (method.Kind != StreamKind.Server)
        {
            Report(
                DiagnosticIds.Resumable,
                $"{method.Label}: Resumable applies to a server stream (a Payload and a StreamingResult), but the method is {Words(method.Kind)}; remove Resumable or make the method a server stream",
                resumable.Location);
            return;
        }

        var result = AsObject(method.StreamingResult!.Type);
        var position = result?.Find(resumable.Position.Name);
        if (position is null)
        {
            Report(
                DiagnosticIds.Resumable,
                $"{method.Label} streaming result attribute \"{resumable.Position.Name}\": Resumable names a position attribute the streaming result does not have; declare it as a String attribute of an object result",
                resumable.Location);
        }
        else if (Resolve(position.Type) is not PrimitiveTypeExpr { Kind: PrimitiveKind.String })
        {
            Report(
                DiagnosticIds.Resumable,
                $"{position.Label}: a Resumable position must be a String, but the type is {Describe(position.Type)}; change its type",
                resumable.Location);
        }
        else if (!result!.Required.Any(r => r.Name == position.Name))
        {
            Report(
                DiagnosticIds.Resumable,
                $"{position.Label}: a Resumable position must be Required, so that every result says where a client resumes after it; add it to Required",
                resumable.Location);
        }

        var payload = method.Payload is null ? null : AsObject(method.Payload.Type);
        var resume = payload?.Find(resumable.ResumeAfter.Name);
        if (resume is null)
        {
            Report(
                DiagnosticIds.Resumable,
                $"{method.Label} payload attribute \"{resumable.ResumeAfter.Name}\": Resumable names a resume attribute the payload does not have; declare it as an optional String attribute of an object payload",
                resumable.Location);
        }
        else if (Resolve(resume.Type) is not PrimitiveTypeExpr { Kind: PrimitiveKind.String })
        {
            Report(
                DiagnosticIds.Resumable,
                $"{resume.Label}: a Resumable resume attribute must be a String, but the type is {Describe(resume.Type)}; change its type",
                resumable.Location);
        }
        else if (payload!.Required.Any(r => r.Name == resume.Name))
        {
            Report(
                DiagnosticIds.Resumable,
                $"{resume.Label}: a Resumable resume attribute must be optional, since a first connection has no position to resume after; remove it from Required",
                resumable.Location);
        }

        if (method.Http?.Sse is { } sse)
        {
            foreach (var (verb, mapped, wanted) in new[] { ("SSEEventID", sse.Id, resumable.Position), ("SSERequestID", sse.RequestId, resumable.ResumeAfter) })
            {
                if (mapped is not null && mapped.Name != wanted.Name)
                {
                    Report(
                        DiagnosticIds.Resumable,
                        $"{method.Label}: {verb} maps \"{mapped.Name}\" but Resumable uses \"{wanted.Name}\"; a resumable stream's event ids are its positions, so map the same attribute or drop {verb}",
                        mapped.Location);
                }
            }
        }
    }

    private static string Words(StreamKind kind) => kind switch
    {
        StreamKind.None => "unary",
        StreamKind.Client => "a client stream",
        _ => "a bidirectional stream",
    };
}
