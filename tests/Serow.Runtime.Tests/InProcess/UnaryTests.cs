// Licensed under the MIT license. See LICENSE in the project root.

using Serow.InProcess;
using Serow.Runtime.Tests.Support;
using Serow.Validation;

namespace Serow.Runtime.Tests.InProcess;

public sealed class UnaryTests
{
    [Fact]
    public async Task Unary_ValidPayload_ReturnsHandlerResult()
    {
        var result = await InProcessInvoker.UnaryAsync(
            "svc",
            "method",
            new Item(2),
            Rules.ValidateItem,
            (p, _) => Task.FromResult(p with { Number = p.Number * 2 }),
            Rules.ValidateItem,
            CancellationToken.None).Within();

        Assert.Equal(4, result.Number);
    }

    [Fact]
    public async Task Unary_InvalidPayload_ThrowsValidationBeforeHandlerRuns()
    {
        var ran = false;
        var error = await Assert.ThrowsAsync<ValidationException>(() => InProcessInvoker.UnaryAsync(
            "svc",
            "method",
            new Item(-1),
            Rules.ValidateItem,
            (p, _) =>
            {
                ran = true;
                return Task.FromResult(p);
            },
            null,
            CancellationToken.None).Within());

        Assert.False(ran);
        Assert.Equal("number", Assert.Single(error.Errors).Field);
    }

    [Fact]
    public async Task Unary_InvalidResult_ThrowsValidation()
    {
        await Assert.ThrowsAsync<ValidationException>(() => InProcessInvoker.UnaryAsync(
            "svc",
            "method",
            static ct => Task.FromResult(new Item(-7)),
            Rules.ValidateItem,
            CancellationToken.None).Within());
    }

    [Fact]
    public async Task Unary_NullResultWithRules_ThrowsValidationRequired()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => InProcessInvoker.UnaryAsync(
            "svc",
            "method",
            static ct => Task.FromResult<Item>(null!),
            Rules.ValidateItem,
            CancellationToken.None).Within());

        Assert.Equal("required", Assert.Single(error.Errors).Rule);
    }

    [Fact]
    public async Task Unary_CustomServiceError_RethrownAsIs()
    {
        var original = new NotFoundError("missing");
        var thrown = await Assert.ThrowsAsync<NotFoundError>(() => InProcessInvoker.UnaryAsync(
            "svc",
            "method",
            new Item(1),
            null,
            (Func<Item, CancellationToken, Task<Item>>)((_, _) => throw original),
            null,
            CancellationToken.None).Within());

        Assert.Same(original, thrown);
    }

    [Fact]
    public async Task Unary_UnexpectedException_WrappedAsInternalFault()
    {
        var bug = new FormatException("secret detail");
        var thrown = await Assert.ThrowsAsync<ServiceError>(() => InProcessInvoker.UnaryAsync(
            "svc",
            "method",
            new Item(1),
            null,
            (_, _) => Task.FromException(bug),
            CancellationToken.None).Within());

        Assert.Equal(ServiceError.InternalName, thrown.Name);
        Assert.True(thrown.Fault);
        Assert.Same(bug, thrown.InnerException);
    }

    [Fact]
    public async Task Unary_CallerCancels_ThrowsCanceled()
    {
        using var cts = new CancellationTokenSource();
        var started = new TaskCompletionSource();
        var call = InProcessInvoker.UnaryAsync(
            "svc",
            "method",
            async ct =>
            {
                started.SetResult();
                await Task.Delay(Timeout.Infinite, ct);
            },
            cts.Token);

        await started.Task.Within();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.Within());
    }

    [Fact]
    public async Task Unary_AlreadyCancelled_HandlerDoesNotRun()
    {
        var ran = false;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => InProcessInvoker.UnaryAsync(
            "svc",
            "method",
            ct =>
            {
                ran = true;
                return Task.FromResult(1);
            },
            null,
            new CancellationToken(canceled: true)).Within());

        Assert.False(ran);
    }

    [Fact]
    public async Task Unary_HandlerCancelsOnItsOwn_WrappedAsInternalFault()
    {
        var thrown = await Assert.ThrowsAsync<ServiceError>(() => InProcessInvoker.UnaryAsync(
            "svc",
            "method",
            _ => throw new OperationCanceledException(),
            CancellationToken.None).Within());

        Assert.Equal(ServiceError.InternalName, thrown.Name);
    }

    [Fact]
    public async Task Unary_PayloadWithoutResult_RunsHandler()
    {
        Item? seen = null;
        await InProcessInvoker.UnaryAsync(
            "svc",
            "method",
            new Item(3),
            Rules.ValidateItem,
            (p, _) =>
            {
                seen = p;
                return Task.CompletedTask;
            },
            CancellationToken.None).Within();

        Assert.Equal(new Item(3), seen);
    }

    [Fact]
    public void Options_CapacityBelowOne_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new InProcessOptions { StreamCapacity = 0 });
        Assert.Equal(16, InProcessOptions.Default.StreamCapacity);
    }
}
