// Licensed under the MIT license. See LICENSE in the project root.

using Secured.Vault;
using Serow.Security;

namespace Serow.FunctionalTests.Security;

/// <summary>Answers with what the handler sees of its caller: <see cref="SerowCallContext.Current"/>.</summary>
internal sealed class SecuredVaultService : IVaultService
{
    public Task<WhoamiResult> WhoamiAsync(WhoamiPayload payload, CancellationToken cancellationToken)
    {
        var call = Caller();
        return Task.FromResult(new WhoamiResult
        {
            Name = Name(call),
            Transport = call.Transport,
            Schemes = call.User.Identities.Select(i => i.AuthenticationType ?? "none").ToList(),
        });
    }

    public Task<WriteResult> WriteAsync(CancellationToken cancellationToken) => Task.FromResult(new WriteResult { Name = Name(Caller()) });

    public Task<KeyedResult> KeyedAsync(CancellationToken cancellationToken) => Task.FromResult(new KeyedResult { Name = Name(Caller()) });

    public Task<EitherResult> EitherAsync(CancellationToken cancellationToken) => Task.FromResult(new EitherResult { Name = Name(Caller()) });

    public Task<AdminResult> AdminAsync(CancellationToken cancellationToken) => Task.FromResult(new AdminResult { Name = Name(Caller()) });

    public Task<HealthResult> HealthAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new HealthResult { Secured = SerowCallContext.Current is not null });

    public async Task WatchAsync(WatchPayload payload, IVaultWatchServerStream stream, CancellationToken cancellationToken)
    {
        var call = Caller();
        await stream.SendAsync(new WatchResult { Text = Name(call) + "@" + call.Transport }, cancellationToken);
        var interval = TimeSpan.FromMilliseconds(payload.IntervalMs ?? 50);
        for (var i = 1; payload.Count == 0 || i <= payload.Count; i++)
        {
            await Task.Delay(interval, cancellationToken);
            await stream.SendAsync(new WatchResult { Text = "tick " + i }, cancellationToken);
        }
    }

    public async Task UploadAsync(IVaultUploadServerStream stream, CancellationToken cancellationToken)
    {
        var lines = 0;
        await foreach (var _ in stream.WithCancellation(cancellationToken))
        {
            lines++;
        }

        await stream.SendAndCloseAsync(new UploadResult { Name = Name(Caller()), Lines = lines }, cancellationToken);
    }

    public async Task EchoAsync(IVaultEchoServerStream stream, CancellationToken cancellationToken)
    {
        var name = Name(Caller());
        await foreach (var line in stream.WithCancellation(cancellationToken))
        {
            await stream.SendAsync(name + ": " + line, cancellationToken);
        }
    }

    private static SerowCallContext Caller() =>
        SerowCallContext.Current ?? throw new InvalidOperationException("A secured handler ran without its call context.");

    private static string Name(SerowCallContext call) => call.User.Identity?.Name ?? "anonymous";
}
