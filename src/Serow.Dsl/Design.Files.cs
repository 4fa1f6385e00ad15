// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Dsl.Expressions;

namespace Serow.Dsl;

/// <content>Static files and redirects: <c>Files</c>, <c>Redirect</c>.</content>
public abstract partial class Design
{
    /// <summary>StatusMovedPermanently (301).</summary>
    protected const int StatusMovedPermanently = 301;

    /// <summary>StatusFound (302).</summary>
    protected const int StatusFound = 302;

    /// <summary>StatusSeeOther (303).</summary>
    protected const int StatusSeeOther = 303;

    /// <summary>StatusTemporaryRedirect (307).</summary>
    protected const int StatusTemporaryRedirect = 307;

    /// <summary>StatusPermanentRedirect (308).</summary>
    protected const int StatusPermanentRedirect = 308;

    /// <summary>
    /// Serves static files over HTTP (GET and HEAD): one file at <paramref name="path"/>, or, when the path ends with a
    /// <c>{*name}</c> wildcard, the files under the directory <paramref name="fileName"/>. Use inside <c>Service</c>.
    /// </summary>
    /// <param name="path">The route, for example <c>/index.html</c> or <c>/static/{*path}</c>.</param>
    /// <param name="fileName">The file or directory; a relative path starts at the app's content root.</param>
    protected void Files(string path, string fileName) => DeclareFiles(path, fileName, null);

    /// <summary>Serves static files over HTTP; the block may give a <c>Description</c>.</summary>
    /// <param name="path">The route.</param>
    /// <param name="fileName">The file or directory.</param>
    /// <param name="block">Declares <c>Description</c>.</param>
    protected void Files(string path, string fileName, Action block) => DeclareFiles(path, fileName, block);

    /// <summary>
    /// Answers the method's HTTP requests with a redirect to <paramref name="url"/> instead of calling the method. Use
    /// inside a method's <c>HTTP</c> block; the method has no result and is not served over gRPC.
    /// </summary>
    /// <param name="url">The Location.</param>
    /// <param name="status">301, 302, 303, 307 or 308 (<c>StatusMovedPermanently</c>, …).</param>
    protected void Redirect(string url, int status)
    {
        var location = SourceLocator.Capture();
        if (Current<HttpEndpointExpr>("Redirect", "a method's HTTP block", location) is not { } http)
        {
            return;
        }

        if (status is not (301 or 302 or 303 or 307 or 308))
        {
            Recorder.Report(DiagnosticIds.InvalidArgument, $"{http.Label}: Redirect status {status} is not a redirect; use 301, 302, 303, 307 or 308", location);
            return;
        }

        if (string.IsNullOrWhiteSpace(url))
        {
            Recorder.Report(DiagnosticIds.InvalidArgument, $"{http.Label}: Redirect needs a URL", location);
            return;
        }

        http.Redirect = (url, status, location);
    }

    /// <summary>
    /// Makes the request body <c>multipart/form-data</c>: the method receives its parts as they arrive
    /// (<c>IAsyncEnumerable&lt;MultipartPart&gt;</c>, never buffered whole) beside a payload that travels in the path,
    /// query, headers and cookies. Use inside a unary method's <c>HTTP</c> block; not with gRPC.
    /// </summary>
    protected void MultipartRequest()
    {
        var location = SourceLocator.Capture();
        if (Current<HttpEndpointExpr>("MultipartRequest", "a method's HTTP block", location) is { } http)
        {
            http.Multipart = location;
        }
    }

    /// <summary>
    /// The media type of the method's raw response body (<c>SkipResponseBodyEncodeDecode</c>), for example
    /// <c>image/png</c>; <c>application/octet-stream</c> when not declared. Use inside a method's <c>HTTP</c> block.
    /// </summary>
    /// <param name="mediaType">The media type.</param>
    protected void ContentType(string mediaType)
    {
        var location = SourceLocator.Capture();
        if (Current<HttpEndpointExpr>("ContentType", "a method's HTTP block", location) is not { } http)
        {
            return;
        }

        if (!System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(mediaType, out _))
        {
            Recorder.Report(DiagnosticIds.InvalidArgument, $"{http.Label}: ContentType \"{mediaType}\" is not a media type (type/subtype)", location);
            return;
        }

        http.ContentType = (mediaType, location);
    }

    private void DeclareFiles(string path, string fileName, Action? block)
    {
        var location = SourceLocator.Capture();
        if (Current<ServiceExpr>("Files", "a Service block", location) is not { } service)
        {
            return;
        }

        var files = new FilesExpr { Path = path ?? string.Empty, FileName = fileName ?? string.Empty, Location = location, Label = $"{service.Label} Files(\"{path}\")" };
        service.Files.Add(files);
        if (block is not null)
        {
            Recorder.Run(files, block, location);
        }
    }
}
