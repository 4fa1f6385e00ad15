// Licensed under the MIT license. See LICENSE in the project root.

using Conformance.Conformance;
using Serow.InProcess;

namespace Serow.FunctionalTests.Conformance;

/// <summary>The conformance suite over the generated in-process client.</summary>
public sealed class InProcessConformanceTests : ConformanceSuite
{
    protected override Task<IConformanceClient> CreateClientAsync() =>
        Task.FromResult<IConformanceClient>(new ConformanceInProcessClient(Service, new InProcessOptions { StreamCapacity = 4 }));

    [Fact]
    public async Task Backpressure_SlowReader_KeepsAtMostTheBufferAhead()
    {
        var client = await CreateClientAsync();
        await using var stream = await client.CountAsync(new CountPayload { To = 100 }).DefaultTimeout();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Service.Sent < 4 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await Task.Delay(200);

        // Four buffered results, plus at most the one the server is handing over.
        Assert.InRange(Service.Sent, 4, 5);
    }
}
