// Licensed under the MIT license. See LICENSE in the project root.

using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Serow.AspNetCore;
using Streaming.Chat;

namespace Streaming.Services;

/// <summary>What the design asks of a host beyond the services: authentication for its schemes and the chat interceptors.</summary>
public static class StreamingPolicies
{
    /// <summary>
    /// Registers the handler of each designed scheme ("jwt": JwtBearer with the development signing key; "api_key": the
    /// development key) and the chat service's server interceptors.
    /// </summary>
    public static IServiceCollection AddStreamingPolicies(this IServiceCollection services, DevelopmentCredentials credentials)
    {
        services.AddSingleton(credentials);
        services.AddSingleton<ChatMessageCounter>();
        services.AddSingleton<IChatServerInterceptors, ChatInterceptors>();
        services.AddAuthentication()
            .AddJwtBearer("jwt", options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = credentials.Validation;
            })
            .AddSerowApiKey("api_key", options => options.ValidateKey = (key, _) => ValueTask.FromResult(credentials.IsApiKey(key)
                ? new ClaimsPrincipal(new ClaimsIdentity([new Claim("name", "log-admin")], "api_key"))
                : null));
        return services;
    }
}
