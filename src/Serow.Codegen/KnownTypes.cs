// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Codegen;

/// <summary>Fully qualified names of the framework and runtime types generated code refers to.</summary>
internal static class KnownTypes
{
    public const string Task = "global::System.Threading.Tasks.Task";
    public const string CancellationToken = "global::System.Threading.CancellationToken";
    public const string GeneratedCode = "global::System.CodeDom.Compiler.GeneratedCode";
    public const string JsonPropertyName = "global::System.Text.Json.Serialization.JsonPropertyName";
    public const string JsonIgnore = "global::System.Text.Json.Serialization.JsonIgnore";
    public const string JsonIgnoreWhenNull = "global::System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull";
    public const string JsonElement = "global::System.Text.Json.JsonElement";
    public const string List = "global::System.Collections.Generic.List";
    public const string Dictionary = "global::System.Collections.Generic.Dictionary";
    public const string ReadOnlyList = "global::System.Collections.Generic.IReadOnlyList";
    public const string ArgumentNullException = "global::System.ArgumentNullException";
    public const string ArgumentException = "global::System.ArgumentException";
    public const string Exception = "global::System.Exception";

    public const string ServiceError = "global::Serow.ServiceError";
    public const string MethodSecurity = "global::Serow.Security.MethodSecurity";
    public const string SecurityRequirement = "global::Serow.Security.SecurityRequirement";
    public const string SecurityScheme = "global::Serow.Security.SecurityScheme";
    public const string SecuritySchemeKind = "global::Serow.Security.SecuritySchemeKind";
    public const string ValidationReport = "global::Serow.Validation.ValidationReport";
    public const string ValidationException = "global::Serow.Validation.ValidationException";
    public const string Validatable = "global::Serow.Validation.IValidatable";
    public const string NoMessage = "global::Serow.Streaming.NoMessage";
    public const string StreamSender = "global::Serow.Streaming.IStreamSender";
    public const string StreamReceiver = "global::Serow.Streaming.IStreamReceiver";
    public const string ClosableStream = "global::Serow.Streaming.IClosableStream";
    public const string SendAndCloseStream = "global::Serow.Streaming.ISendAndCloseStream";
    public const string CloseAndRecvStream = "global::Serow.Streaming.ICloseAndRecvStream";
    public const string HalfClosableStream = "global::Serow.Streaming.IHalfClosableStream";
    public const string ViewSettableStream = "global::Serow.Streaming.IViewSettableStream";
    public const string ResumableServerStream = "global::Serow.Streaming.IResumableServerStream";
    public const string AsyncDisposable = "global::System.IAsyncDisposable";
    public const string InProcessOptions = "global::Serow.InProcess.InProcessOptions";
    public const string InProcessInvoker = "global::Serow.InProcess.InProcessInvoker";
    public const string StreamContract = "global::Serow.Streaming.StreamContract";

    public const string ResumableContract = "global::Serow.Streaming.ResumableContract";

    public const string ResumableStreams = "global::Serow.Streaming.ResumableStreams";
    public const string ServerCall = "global::Serow.Streaming.ServerCall";
    public const string ClientCall = "global::Serow.Streaming.ClientCall";
    public const string ServerStream = "global::Serow.Streaming.ServerStream";
    public const string ClientStream = "global::Serow.Streaming.ClientStream";
    public const string IOStream = "global::System.IO.Stream";
    public const string AsyncEnumerable = "global::System.Collections.Generic.IAsyncEnumerable";
    public const string MultipartPart = "global::Serow.MultipartPart";
    public const string ValueTask = "global::System.Threading.Tasks.ValueTask";
    public const string Func = "global::System.Func";
    public const string Interception = "global::Serow.Interception.Interception";
    public const string InterceptorSet = "global::Serow.Interception.InterceptorSet";
    public const string InterceptorBinding = "global::Serow.Interception.InterceptorBinding";
    public const string InterceptorInfo = "global::Serow.Interception.InterceptorInfo";
    public const string InterceptedCall = "global::Serow.Interception.InterceptedCall";
    public const string InterceptedOperations = "global::Serow.Interception.InterceptedOperations";
    public const string InterceptorSide = "global::Serow.Interception.InterceptorSide";
    public const string InterceptedServerStream = "global::Serow.Interception.InterceptedServerStream";
    public const string InterceptedClientStream = "global::Serow.Interception.InterceptedClientStream";
}
