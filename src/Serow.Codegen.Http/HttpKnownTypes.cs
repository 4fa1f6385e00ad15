// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Codegen.Http;

/// <summary>Fully qualified names of the ASP.NET Core and Serow.Http types the HTTP generator's output refers to.</summary>
internal static class HttpKnownTypes
{
    public const string HttpContext = "global::Microsoft.AspNetCore.Http.HttpContext";
    public const string EndpointRouteBuilder = "global::Microsoft.AspNetCore.Routing.IEndpointRouteBuilder";
    public const string RouteGroupBuilder = "global::Microsoft.AspNetCore.Routing.RouteGroupBuilder";
    public const string EndpointRouteBuilderExtensions = "global::Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions";
    public const string ServiceCollection = "global::Microsoft.Extensions.DependencyInjection.IServiceCollection";
    public const string RoutingEndpointConventionBuilderExtensions = "global::Microsoft.AspNetCore.Builder.RoutingEndpointConventionBuilderExtensions";
    public const string HttpClient = "global::System.Net.Http.HttpClient";
    public const string Action = "global::System.Action";
    public const string Func = "global::System.Func";
    public const string JsonSerializable = "global::System.Text.Json.Serialization.JsonSerializable";
    public const string JsonSerializerContext = "global::System.Text.Json.Serialization.JsonSerializerContext";
    public const string JsonTypeInfo = "global::System.Text.Json.Serialization.Metadata.JsonTypeInfo";
    public const string NotSupportedException = "global::System.NotSupportedException";
    public const string EditorBrowsable = "global::System.ComponentModel.EditorBrowsable";
    public const string EditorBrowsableNever = "global::System.ComponentModel.EditorBrowsableState.Never";

    public const string SerowHttpOptions = "global::Serow.Http.SerowHttpOptions";
    public const string SerowHttpClientOptions = "global::Serow.Http.SerowHttpClientOptions";
    public const string SerowHttpServices = "global::Serow.Http.SerowHttpServices";
    public const string SerowJson = "global::Serow.Http.SerowJson";
    public const string HttpServerCall = "global::Serow.Http.HttpServerCall";
    public const string HttpServiceEndpoints = "global::Serow.Http.HttpServiceEndpoints";
    public const string HttpRequestBuilder = "global::Serow.Http.HttpRequestBuilder";
    public const string HttpFiles = "global::Serow.Http.HttpFiles";
    public const string HttpMultipart = "global::Serow.Http.HttpMultipart";
    public const string HttpResponseFields = "global::Serow.Http.HttpResponseFields";
    public const string HttpCookieSettings = "global::Serow.Http.HttpCookieSettings";
    public const string HttpClientInvoker = "global::Serow.Http.HttpClientInvoker";
    public const string WebSocketContract = "global::Serow.Http.WebSockets.WebSocketContract";
    public const string WebSocketServerInvoker = "global::Serow.Http.WebSockets.WebSocketServerInvoker";
    public const string WebSocketClientInvoker = "global::Serow.Http.WebSockets.WebSocketClientInvoker";
    public const string SseContract = "global::Serow.Http.ServerSentEvents.SseContract";
    public const string SseData = "global::Serow.Http.ServerSentEvents.SseData";
    public const string SseEvent = "global::Serow.Http.ServerSentEvents.SseEvent";
    public const string SseServerInvoker = "global::Serow.Http.ServerSentEvents.SseServerInvoker";
    public const string SseClientInvoker = "global::Serow.Http.ServerSentEvents.SseClientInvoker";
    public const string HttpRawBody = "global::Serow.Http.RawBodies.HttpRawBody";
}
