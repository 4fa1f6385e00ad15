// Licensed under the MIT license. See LICENSE in the project root.

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;

namespace Serow.Http;

/// <summary>Serves the static files and redirects a design declares (<c>Files</c>, <c>Redirect</c>), for the generated endpoints.</summary>
public static class HttpFiles
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>
    /// Maps GET and HEAD of <paramref name="pattern"/> to one file, or, with a wildcard, to the files under a directory
    /// (never outside it). Relative paths start at the app's content root. A missing file is a 404.
    /// </summary>
    /// <param name="endpoints">The service's endpoint group.</param>
    /// <param name="pattern">The route.</param>
    /// <param name="fileName">The file, or the directory of a wildcard route.</param>
    /// <param name="wildcard">The wildcard variable, or null for one file.</param>
    /// <returns>The endpoint's conventions.</returns>
    public static IEndpointConventionBuilder Map(IEndpointRouteBuilder endpoints, string pattern, string fileName, string? wildcard)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        var root = Path.IsPathRooted(fileName)
            ? fileName
            : Path.Combine(endpoints.ServiceProvider.GetService<IWebHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory, fileName);
        PhysicalFileProvider? directory = null;
        return endpoints.MapMethods(pattern, ["GET", "HEAD"], context =>
        {
            IFileInfo file;
            if (wildcard is null)
            {
                file = new Microsoft.Extensions.FileProviders.Physical.PhysicalFileInfo(new FileInfo(root));
            }
            else if (Directory.Exists(root))
            {
                // The provider refuses paths that climb out of the directory (.., absolute paths).
                directory ??= new PhysicalFileProvider(root);
                file = directory.GetFileInfo(context.Request.RouteValues[wildcard]?.ToString() ?? string.Empty);
            }
            else
            {
                file = new NotFoundFileInfo(root);
            }

            return SendAsync(context, file);
        });
    }

    /// <summary>Answers a request with a redirect, without calling the method.</summary>
    /// <param name="context">The request.</param>
    /// <param name="url">The Location.</param>
    /// <param name="status">The redirect status.</param>
    /// <returns>A completed task.</returns>
    public static Task RedirectAsync(HttpContext context, string url, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        context.Response.Headers.Location = url;
        return Task.CompletedTask;
    }

    private static Task SendAsync(HttpContext context, IFileInfo file)
    {
        var response = context.Response;
        if (!file.Exists || file.IsDirectory)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        response.ContentType = ContentTypes.TryGetContentType(file.Name, out var type) ? type : "application/octet-stream";
        response.ContentLength = file.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.SendFileAsync(file, context.RequestAborted);
    }
}
