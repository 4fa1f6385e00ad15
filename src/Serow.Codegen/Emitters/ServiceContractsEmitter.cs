// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen.Model;
using Serow.Codegen.Writing;
using Serow.Design;

namespace Serow.Codegen.Emitters;

/// <summary>The message of a method a validator checks.</summary>
internal enum MessageSlot
{
    Payload,
    Result,
    StreamingPayload,
    StreamingResult,
}

/// <summary>
/// Prints what every transport of a service shares, once per service: the validator of each payload, result and
/// streamed message, and per streaming method its stream contract and the classes that give the runtime's stream
/// roles the method's interfaces. Transport emitters refer to these names and never repeat them.
/// </summary>
internal static class ServiceContractsEmitter
{
    public static string ClassName(ServiceSpec service) => service.Name + "Contracts";

    public static string ClassRef(ServiceSpec service) => $"global::{service.Namespace}.{ClassName(service)}";

    /// <summary>The stream contract of a streaming method.</summary>
    public static string Stream(ServiceSpec service, MethodSpec method) => $"{ClassRef(service)}.{method.Name}Stream";

    /// <summary>The class the handler's stream of a method is created as, from a <c>ServerCall</c>.</summary>
    public static string ServerStream(ServiceSpec service, MethodSpec method) => $"{ClassRef(service)}.{method.Name}ServerStream";

    /// <summary>The class a client's stream of a method is created as, from a <c>ClientCall</c>.</summary>
    public static string ClientStream(ServiceSpec service, MethodSpec method) => $"{ClassRef(service)}.{method.Name}ClientStream";

    /// <summary>The resumable contract of a method marked <c>Resumable</c>.</summary>
    public static string Resume(ServiceSpec service, MethodSpec method) => $"{ClassRef(service)}.{method.Name}Resume";

    /// <summary>
    /// Writes the statement a transport's client returns for a resumable server stream: the transport's own connect
    /// (<paramref name="connect"/>, an expression of <c>p</c> and <c>token</c> that yields the call) wrapped so that it
    /// reconnects when the client's options ask for it.
    /// </summary>
    public static void ResumableConnect(CodeWriter writer, ServiceSpec service, MethodSpec method, string options, string connect, string wrap, bool awaited)
    {
        writer.Line($"return {(awaited ? "await " : string.Empty)}{KnownTypes.ResumableStreams}.ConnectAsync({Stream(service, method)}, {Resume(service, method)}, payload, {options}.Reconnect,");
        writer.Line($"    (p, token) => {connect},");
        writer.Line($"    {wrap}, cancellationToken){(awaited ? ".ConfigureAwait(false)" : string.Empty)};");
    }

    /// <summary>The <c>MethodSecurity</c> of a method with designed security, or null when it requires nothing.</summary>
    public static string? Security(CodeModel model, ServiceSpec service, MethodSpec method) =>
        model.Design.SecurityOf(service.Design, method.Design).Count > 0 ? $"{ClassRef(service)}.{method.Name}Security" : null;

    /// <summary>The validator of a message of a method, or null when the message has no checks.</summary>
    public static string? Validator(CodeModel model, ServiceSpec service, MethodSpec method, MessageSlot slot) =>
        Message(method, slot) is { } message && new ValidationEmitter(model.Design).HasChecks(message.Attribute)
            ? $"{ClassRef(service)}.{ValidatorName(method, slot)}"
            : null;

    // public static partial class <Service>Contracts
    // {
    //     public static void Validate<Method><Slot>(<T> value, ValidationReport report) { … }
    //     public static readonly StreamContract<TIn, TOut> <Method>Stream = new() { … };
    //     public sealed class <Method>ServerStream(ServerCall<TIn, TOut> call) : ServerStream<TIn, TOut>(call), I<Service><Method>ServerStream;
    //     public sealed class <Method>ClientStream(ClientCall<TIn, TOut> call) : ClientStream<TIn, TOut>(call), I<Service><Method>ClientStream;
    // }
    public static GeneratedFile Emit(CodeModel model, ServiceSpec service) =>
        CSharpFile.Create(model, $"{service.Name}/{ClassName(service)}.g.cs", service.Namespace, "contracts", writer =>
        {
            var validation = new ValidationEmitter(model.Design);
            writer.Summary($"What every transport of the \"{service.Design.Name}\" service shares: the validators of its messages and, per streaming method, the stream contract and the stream classes.");
            CSharpFile.GeneratedCodeAttribute(writer, model);
            writer.Open($"internal static partial class {ClassName(service)}");
            var first = true;
            foreach (var method in service.Methods)
            {
                foreach (var slot in Enum.GetValues<MessageSlot>())
                {
                    if (Message(method, slot) is not { } message || !validation.HasChecks(message.Attribute))
                    {
                        continue;
                    }

                    Separate(writer, ref first);
                    ValidatorMethod(writer, validation, method, slot, message);
                }

                if (Security(model, service, method) is not null)
                {
                    Separate(writer, ref first);
                    SecurityMember(writer, model, service, method);
                }

                if (method.Kind != StreamKind.None)
                {
                    Separate(writer, ref first);
                    StreamMembers(writer, model, service, method);
                }
            }

            writer.Close();
        });

    private static void Separate(CodeWriter writer, ref bool first)
    {
        if (!first)
        {
            writer.Line();
        }

        first = false;
    }

    // /// <summary>Checks …</summary>
    // public static void Validate<Method><Slot>(<T> value, ValidationReport report) { …checks with path "" … }
    private static void ValidatorMethod(CodeWriter writer, ValidationEmitter validation, MethodSpec method, MessageSlot slot, MessageSpec message)
    {
        // A streamed value type travels as nullable (null is the end of the stream).
        var nullable = slot is MessageSlot.StreamingPayload or MessageSlot.StreamingResult && message.IsValueType
            || slot is MessageSlot.Result && method.Kind == StreamKind.Client && message.IsValueType;
        var type = nullable ? message.TypeRef + "?" : message.TypeRef;
        writer.Summary($"Checks the designed rules of {Describe(slot)} of {method.Design.Name}; adds every violation to the report.");
        writer.Open($"public static void {ValidatorName(method, slot)}({type} value, {KnownTypes.ValidationReport} report)");
        validation.Emit(writer, message.Attribute, "value", "string.Empty", required: false, nullable: nullable || !message.IsValueType);
        writer.Close();
    }

    // public static readonly MethodSecurity <Method>Security = new("service", "method", [new([schemes…], [scopes…]), …]);
    private static void SecurityMember(CodeWriter writer, CodeModel model, ServiceSpec service, MethodSpec method)
    {
        var requirements = model.Design.SecurityOf(service.Design, method.Design);
        var described = string.Join(" or ", requirements.Select(r =>
            string.Join(" and ", r.Schemes.Select(s => $"\"{s}\"")) + (r.Scopes.Count > 0 ? $" with scopes {string.Join(", ", r.Scopes.Select(s => $"\"{s}\""))}" : string.Empty)));
        writer.Summary($"What callers of {service.Design.Name}.{method.Design.Name} must present: {described}.");
        writer.Line($"public static readonly {KnownTypes.MethodSecurity} {method.Name}Security = new({CSharp.String(service.Design.Name)}, {CSharp.String(method.Design.Name)},");
        writer.Line("[");
        foreach (var requirement in requirements)
        {
            var schemes = requirement.Schemes.Select(name =>
            {
                var kind = model.Design.FindSecurityScheme(name)?.Kind ?? SecuritySchemeKind.Jwt;
                return $"new {KnownTypes.SecurityScheme}({CSharp.String(name)}, {KnownTypes.SecuritySchemeKind}.{kind})";
            });
            writer.Line($"    new {KnownTypes.SecurityRequirement}([{string.Join(", ", schemes)}], [{string.Join(", ", requirement.Scopes.Select(CSharp.String))}]),");
        }

        writer.Line("]);");
    }

    // public static readonly StreamContract<TIn, TOut> <Method>Stream = new() { Service, Method, validation, views };
    // public sealed class <Method>ServerStream(…) …; public sealed class <Method>ClientStream(…) …;
    private static void StreamMembers(CodeWriter writer, CodeModel model, ServiceSpec service, MethodSpec method)
    {
        var types = $"<{method.InType}, {method.OutType}>";
        var validateIn = method.StreamingPayload is null ? null : Validator(model, service, method, MessageSlot.StreamingPayload);
        var outSlot = method.StreamingResult is null ? MessageSlot.Result : MessageSlot.StreamingResult;
        var validateOut = method.OutMessage is null || method.Views is not null ? null : Validator(model, service, method, outSlot);

        writer.Summary($"The stream contract of {service.Design.Name}.{method.Design.Name}, shared by every transport.");
        writer.Line($"public static readonly {KnownTypes.StreamContract}{types} {method.Name}Stream = new()");
        writer.Line("{");
        writer.Line($"    Service = {CSharp.String(service.Design.Name)},");
        writer.Line($"    Method = {CSharp.String(method.Design.Name)},");
        if (Security(model, service, method) is { } security)
        {
            writer.Line($"    Security = {security},");
        }
        if (validateIn is not null)
        {
            writer.Line($"    ValidateIncoming = {validateIn},");
        }

        if (method.Views is { } views)
        {
            writer.Line("    ValidateOutgoing = static (message, view, report) => message.Validate(report, string.Empty, view),");
            writer.Line("    Project = static (message, view) => message.Project(view),");
            writer.Line($"    Views = [{string.Join(", ", views.Names.Select(CSharp.String))}],");
            writer.Line($"    DefaultView = {CSharp.String(views.DefaultView)},");
            writer.Line($"    CanSetView = {CSharp.Bool(views.CanSetView)},");
        }
        else if (validateOut is not null)
        {
            writer.Line($"    ValidateOutgoing = static (message, view, report) => {validateOut}(message, report),");
        }

        if (method.Kind == StreamKind.Client && method.Result is not null)
        {
            writer.Line("    HasFinalResult = true,");
        }

        writer.Line("};");
        writer.Line();
        writer.Summary($"The handler's stream of {service.Design.Name}.{method.Design.Name}, on any transport.");
        writer.Line($"public sealed class {method.Name}ServerStream({KnownTypes.ServerCall}{types} call)");
        writer.Line($"    : {KnownTypes.ServerStream}{types}(call), global::{service.Namespace}.{method.ServerStream};");
        writer.Line();
        writer.Summary($"A client's stream of {service.Design.Name}.{method.Design.Name}, on any transport.");
        writer.Line($"public sealed class {method.Name}ClientStream({KnownTypes.ClientCall}{types} call)");
        writer.Line($"    : {KnownTypes.ClientStream}{types}(call), global::{service.Namespace}.{method.ClientStream};");
        if (method.Design.Resumable is { } resumable && method.Payload?.Object is { } payload && method.StreamingResult?.Object is { } result)
        {
            writer.Line();
            ResumeMember(writer, service, method, resumable, payload, result);
        }
    }

    // public static readonly ResumableContract<TPayload, TOut> <Method>Resume = new(static r => r.<Position>, static (p, position) => new TPayload { …, <Resume> = position });
    private static void ResumeMember(CodeWriter writer, ServiceSpec service, MethodSpec method, ResumableDesign resumable, ObjectSpec payload, ObjectSpec result)
    {
        writer.Summary($"Where each result of {service.Design.Name}.{method.Design.Name} says its position, and the payload that resumes after one (for reconnecting clients).");
        writer.Line($"public static readonly {KnownTypes.ResumableContract}<{method.Payload!.TypeRef}, {method.OutType}> {method.Name}Resume = new(");
        writer.Line($"    static result => result.{TypeEmitter.PropertyName(result, resumable.PositionAttribute)},");
        var copies = payload.Type.Attributes
            .Select(a => TypeEmitter.PropertyName(payload, a.Name))
            .Select(p => p == TypeEmitter.PropertyName(payload, resumable.ResumeAttribute) ? $"{p} = position" : $"{p} = payload.{p}");
        writer.Line($"    static (payload, position) => new {method.Payload.TypeRef} {{ {string.Join(", ", copies)} }});");
    }

    private static string ValidatorName(MethodSpec method, MessageSlot slot) => $"Validate{method.Name}{slot}";

    private static MessageSpec? Message(MethodSpec method, MessageSlot slot) => slot switch
    {
        MessageSlot.Payload => method.Payload,
        MessageSlot.Result => method.RawResponse ? null : method.Result,
        MessageSlot.StreamingPayload => method.StreamingPayload,
        _ => method.StreamingResult,
    };

    private static string Describe(MessageSlot slot) => slot switch
    {
        MessageSlot.Payload => "the payload",
        MessageSlot.Result => "the result",
        MessageSlot.StreamingPayload => "each streamed message",
        _ => "each streamed result",
    };
}
