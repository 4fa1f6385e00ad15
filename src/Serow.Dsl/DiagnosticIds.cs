// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Dsl;

/// <summary>The stable identifiers of design errors; docs/design-errors.md explains each one.</summary>
public static class DiagnosticIds
{
    /// <summary>A DSL verb was used where it does not apply.</summary>
    public const string WrongPlace = "SEROW001";

    /// <summary>A name is not a valid identifier.</summary>
    public const string InvalidIdentifier = "SEROW002";

    /// <summary>Two elements of one scope have the same name.</summary>
    public const string DuplicateName = "SEROW003";

    /// <summary><c>Required</c> names an attribute that does not exist.</summary>
    public const string UnknownRequired = "SEROW004";

    /// <summary>A view lists an attribute the result type does not have.</summary>
    public const string UnknownViewAttribute = "SEROW005";

    /// <summary>A method pins a view its result type does not define.</summary>
    public const string UnknownPinnedView = "SEROW006";

    /// <summary>Views used with a type that is not a result type.</summary>
    public const string ViewOnNonResultType = "SEROW007";

    /// <summary>An HTTP mapping names an attribute the payload does not have.</summary>
    public const string UnknownHttpAttribute = "SEROW008";

    /// <summary>A route path variable is not a payload attribute.</summary>
    public const string UnknownPathVariable = "SEROW009";

    /// <summary>A gRPC <c>Metadata</c> or <c>Message</c> block names an unknown payload attribute.</summary>
    public const string UnknownGrpcAttribute = "SEROW010";

    /// <summary>A Server-Sent Events field names an unknown attribute.</summary>
    public const string UnknownSseAttribute = "SEROW011";

    /// <summary><c>Result</c> and <c>StreamingResult</c> declared on one method.</summary>
    public const string ResultConflict = "SEROW012";

    /// <summary>A method declares a payload or result twice, or the design declares two APIs.</summary>
    public const string DeclaredTwice = "SEROW013";

    /// <summary>An object is needed but the type is not one.</summary>
    public const string NotAnObject = "SEROW014";

    /// <summary>A validation does not fit the attribute's type.</summary>
    public const string ValidationTypeMismatch = "SEROW015";

    /// <summary><c>Format</c> names an unknown format.</summary>
    public const string UnknownFormat = "SEROW016";

    /// <summary>An <c>Enum</c> or <c>Default</c> value does not fit the attribute's type.</summary>
    public const string ValueTypeMismatch = "SEROW017";

    /// <summary>A gRPC message attribute has no field number.</summary>
    public const string GrpcMissingFieldNumber = "SEROW018";

    /// <summary>Two attributes of one gRPC message share a field number.</summary>
    public const string GrpcDuplicateFieldNumber = "SEROW019";

    /// <summary>A field number is out of range or reserved.</summary>
    public const string GrpcFieldNumberOutOfRange = "SEROW020";

    /// <summary><c>Any</c> used in a gRPC message.</summary>
    public const string GrpcAnyType = "SEROW021";

    /// <summary>An attribute listed in both <c>Message</c> and <c>Metadata</c>.</summary>
    public const string GrpcMessageAndMetadata = "SEROW022";

    /// <summary>A Skip*BodyEncodeDecode option on a method that is also served over gRPC.</summary>
    public const string SkipWithGrpc = "SEROW023";

    /// <summary>A WebSocket endpoint mapped to a verb other than GET.</summary>
    public const string WebSocketNotGet = "SEROW024";

    /// <summary>A WebSocket endpoint whose payload needs a request body.</summary>
    public const string WebSocketRequestBody = "SEROW025";

    /// <summary>A streaming endpoint with more than one success response.</summary>
    public const string StreamingSuccessResponses = "SEROW026";

    /// <summary>A WebSocket method with a streaming payload and an unpinned multi-view result.</summary>
    public const string WebSocketViewNotPinned = "SEROW027";

    /// <summary>A Skip*BodyEncodeDecode option on a streaming method.</summary>
    public const string SkipWithStreaming = "SEROW028";

    /// <summary>SkipResponseBodyEncodeDecode with a multi-view result type.</summary>
    public const string SkipResponseMultiView = "SEROW029";

    /// <summary>Server-Sent Events on a method that is not server streaming.</summary>
    public const string SseNotServerStreaming = "SEROW030";

    /// <summary>A Server-Sent Events field of the wrong type.</summary>
    public const string SseFieldType = "SEROW031";

    /// <summary>A response maps an error that is not declared.</summary>
    public const string UnknownErrorResponse = "SEROW032";

    /// <summary>A design block or design constructor threw an exception.</summary>
    public const string DesignThrew = "SEROW033";

    /// <summary>A DSL verb received an argument it cannot use.</summary>
    public const string InvalidArgument = "SEROW034";

    /// <summary>A Security requirement names a scheme the design does not declare.</summary>
    public const string UnknownSecurityScheme = "SEROW035";

    /// <summary>A Security requirement asks for a scope none of its schemes defines.</summary>
    public const string UndeclaredScope = "SEROW036";

    /// <summary>An OAuth2 scheme without a flow, or a flow without the URL its grant needs.</summary>
    public const string OAuth2Flow = "SEROW037";

    /// <summary>NoSecurity and Security in the same block.</summary>
    public const string ConflictingSecurity = "SEROW038";

    /// <summary>ServerInterceptor or ClientInterceptor names an interceptor the design does not declare.</summary>
    public const string UnknownInterceptor = "SEROW039";

    /// <summary>An interceptor uses a payload, result or stream the method does not have, or an attribute it lacks.</summary>
    public const string InterceptorAttribute = "SEROW040";

    /// <summary>The same interceptor reaches a method twice on the same side.</summary>
    public const string InterceptorAppliedTwice = "SEROW041";

    /// <summary>A union without branches, or a branch a transport cannot carry.</summary>
    public const string UnionBranch = "SEROW042";

    /// <summary>A server, host, address or address variable that cannot be used.</summary>
    public const string ServerAddress = "SEROW043";

    /// <summary>A response header, cookie or tag that cannot be used, or a request cookie of the wrong type.</summary>
    public const string HttpResponseMapping = "SEROW044";

    /// <summary>A Files route or a Redirect that cannot be served.</summary>
    public const string FilesOrRedirect = "SEROW045";

    /// <summary>gRPC response Headers or Trailers that cannot carry the named result attribute.</summary>
    public const string GrpcResponseMetadata = "SEROW046";

    /// <summary>A Parent or CanonicalMethod that names no usable service or method.</summary>
    public const string ParentRoute = "SEROW047";

    /// <summary>A ConvertTo or CreateFrom whose types do not match.</summary>
    public const string Conversion = "SEROW048";

    /// <summary>A Resumable on a method that is not a server stream, or naming attributes that cannot carry positions.</summary>
    public const string Resumable = "SEROW049";
}
