// Licensed under the MIT license. See LICENSE in the project root.

using System.Net;
using Serow.Http.Tests.Runtime;
using Serow.Http.Tests.Sse;
using Streams.Files;

namespace Serow.Http.Tests.RawBodies;

/// <summary>Raw request and response bodies through the generated client and server over real Kestrel.</summary>
public sealed class RawBodyTests : IAsyncLifetime
{
    private const int OneMiB = 1024 * 1024;

    private readonly FilesService _files = new();
    private StreamsHost _host = null!;
    private HttpClient _http = null!;
    private FilesHttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await StreamsHost.StartAsync(new FeedService(), _files);
        _http = _host.CreateClient();
        _client = new FilesHttpClient(_http);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Upload_StreamsTheBodyToTheService_WithItsContentType()
    {
        var result = await _client.UploadAsync(new UploadPayload { Name = "a.bin", ContentType = "application/x-test" }, new PatternStream(3 * OneMiB + 17), Timeouts.Token()).DefaultTimeout();

        Assert.Equal(("a.bin", 3L * OneMiB + 17, "application/x-test"), (result.Name, result.Bytes, result.ContentType));
    }

    [Fact]
    public async Task Upload_WithoutContentType_IsOctetStream_AndTheCallerKeepsItsStream()
    {
        using var body = new MemoryStream([0, 1, 2]);

        var result = await _client.UploadAsync(new UploadPayload { Name = "b.bin" }, new PatternStream(3), Timeouts.Token()).DefaultTimeout();
        await _client.UploadAsync(new UploadPayload { Name = "c.bin" }, body, Timeouts.Token()).DefaultTimeout();

        Assert.Equal(("application/octet-stream", 3L), (result.ContentType, result.Bytes));
        Assert.True(body.CanRead);
    }

    [Fact]
    public async Task Upload_ServiceError_IsTyped()
    {
        var error = await Assert.ThrowsAsync<TooLargeError>(() => _client.UploadAsync(new UploadPayload { Name = "too_large" }, new PatternStream(OneMiB), Timeouts.Token()).DefaultTimeout());

        Assert.Equal("no room for this file", error.Message);
    }

    [Fact]
    public async Task Download_ReturnsTheBodyAsAStream_WithTheDesignedContentType()
    {
        await using var body = await _client.DownloadAsync(new DownloadPayload { Size = 2 * OneMiB + 5 }, Timeouts.Token()).DefaultTimeout();
        var total = await CountAsync(body);
        using var raw = await _http.GetAsync("files?size=10", Timeouts.Token()).DefaultTimeout();

        Assert.Equal(2L * OneMiB + 5, total);
        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        Assert.Equal("application/x-serow-bytes", raw.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("before")]
    public async Task Download_ErrorBeforeTheBody_IsTyped_NotBodyBytes(string fail)
    {
        var error = await Assert.ThrowsAsync<TooLargeError>(() => _client.DownloadAsync(new DownloadPayload { Size = 10, Fail = fail }, Timeouts.Token()).DefaultTimeout());
        using var raw = await _http.GetAsync($"files?size=10&fail={fail}", Timeouts.Token()).DefaultTimeout();

        Assert.Equal("this file is too large to send", error.Message);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, raw.StatusCode);
    }

    [Fact]
    public async Task Download_StreamFailingOnItsFirstRead_IsAnErrorResponse()
    {
        var error = await Assert.ThrowsAsync<ServiceError>(() => _client.DownloadAsync(new DownloadPayload { Size = 10, Fail = "first_read" }, Timeouts.Token()).DefaultTimeout());

        Assert.Equal(ServiceError.InternalName, error.Name);
    }

    [Fact]
    public async Task Download_ErrorMidBody_AbortsTheResponse()
    {
        await using var body = await _client.DownloadAsync(new DownloadPayload { Size = 8 * OneMiB, Fail = "after" }, Timeouts.Token()).DefaultTimeout();

        await Assert.ThrowsAnyAsync<IOException>(() => CountAsync(body));
    }

    [Fact]
    public async Task Download_InvalidPayload_Is400()
    {
        var error = await Assert.ThrowsAsync<Serow.Validation.ValidationException>(() => _client.DownloadAsync(new DownloadPayload { Size = -1 }, Timeouts.Token()).DefaultTimeout());

        Assert.Contains(error.Errors, e => e.Field == "size" && e.Rule == "minimum");
    }

    [Fact]
    public async Task InProcessClient_PassesBothStreamsThrough()
    {
        var client = new FilesInProcessClient(_files);
        using var upload = new MemoryStream(new byte[] { 0, 1, 2 });

        var result = await client.UploadAsync(new UploadPayload { Name = "x" }, upload, Timeouts.Token()).DefaultTimeout();
        await using var download = await client.DownloadAsync(new DownloadPayload { Size = 7 }, Timeouts.Token()).DefaultTimeout();

        Assert.Same(upload, _files.LastBody);
        Assert.Equal(3, result.Bytes);
        Assert.IsType<PatternStream>(download);
        await Assert.ThrowsAsync<TooLargeError>(() => client.DownloadAsync(new DownloadPayload { Size = 1, Fail = "before" }, Timeouts.Token()).DefaultTimeout());
    }

    internal static async Task<long> CountAsync(Stream body)
    {
        var buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, Timeouts.Token())) > 0)
        {
            PatternStream.Verify(buffer.AsSpan(0, read), total);
            total += read;
        }

        return total;
    }
}
