// Licensed under the MIT license. See LICENSE in the project root.

using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serow.Security;

namespace Serow.AspNetCore;

/// <summary>Registers and applies the enforcement of designed security on a server (called by Serow's gRPC and HTTP registrations).</summary>
public static class SerowSecurity
{
    /// <summary>
    /// Registers the authorizer (also as <see cref="ICallAuthorizer"/>, for in-process clients) and its options;
    /// idempotent. The application registers ASP.NET Core authentication and its handlers (<c>AddAuthentication()</c>)
    /// where its design secures methods; without them secured calls are refused.
    /// </summary>
    /// <remarks>
    /// ASP.NET Core's authentication services are not registered here: a registered scheme provider makes
    /// <c>WebApplication</c> add the authentication middleware, which then runs on every request (and stays on the
    /// stack of every open stream) of an application whose design may secure nothing.
    /// </remarks>
    /// <param name="services">The server's services.</param>
    /// <param name="configure">Adjusts the options; nothing when null.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddSerowSecurity(this IServiceCollection services, Action<SerowSecurityOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<SerowSecurityOptions>();
        services.TryAddSingleton<AspNetCoreCallAuthorizer>();
        services.TryAddSingleton<ICallAuthorizer>(static provider => provider.GetRequiredService<AspNetCoreCallAuthorizer>());
        if (configure is not null)
        {
            services.Configure(configure);
        }

        return services;
    }

    /// <summary>
    /// Authorizes a request to a secured method with the server's authorizer, and makes the caller the request's user
    /// and the <see cref="SerowCallContext"/>'s.
    /// </summary>
    internal static async ValueTask AuthorizeAsync(HttpContext context, AspNetCoreCallAuthorizer? authorizer, SerowCallContext call)
    {
        authorizer ??= context.RequestServices?.GetService<AspNetCoreCallAuthorizer>()
            ?? throw new InvalidOperationException($"{call.Security.DisplayName} is secured but the server has no Serow authorizer: register the service with its generated Add<Service>Grpc/Add<Service>Http, or call AddSerowSecurity().");
        call.Authorized(await authorizer.AuthorizeAsync(context, call.Security).ConfigureAwait(false));
    }
}
