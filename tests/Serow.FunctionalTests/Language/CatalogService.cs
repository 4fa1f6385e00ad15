// Licensed under the MIT license. See LICENSE in the project root.

using System.Collections.Concurrent;
using Language;
using Language.Catalog;

namespace Serow.FunctionalTests.Language;

/// <summary>The catalog handlers: items kept in memory by SKU, each change recorded with the tenant that made it.</summary>
public sealed class CatalogService : ICatalogService
{
    private readonly ConcurrentDictionary<string, Item> _items = new();
    private readonly ConcurrentDictionary<string, int> _sessions = new();

    public Task ExistsAsync(ExistsPayload payload, CancellationToken cancellationToken) =>
        _items.ContainsKey(payload.Sku) ? Task.CompletedTask : throw new NotFoundError($"no item {payload.Sku}");

    // Each part is read as it arrives, in chunks: nothing holds a whole part.
    public async Task<UploadResult> UploadAsync(UploadPayload payload, IAsyncEnumerable<global::Serow.MultipartPart> parts, CancellationToken cancellationToken)
    {
        var described = new List<string>();
        long total = 0;
        var buffer = new byte[16 * 1024];
        await foreach (var part in parts.WithCancellation(cancellationToken))
        {
            long length = 0;
            int read;
            while ((read = await part.Content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                length += read;
            }

            described.Add($"{part.Name}:{part.FileName ?? "-"}:{part.ContentType ?? "-"}:{length}");
            total += length;
        }

        return new UploadResult { Parts = described, Bytes = total };
    }

    public Task<Stream> LabelAsync(LabelPayload payload, CancellationToken cancellationToken) =>
        Task.FromResult<Stream>(new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"Item {payload.Sku}\n")));

    public Task<SearchResult> SearchAsync(SearchPayload payload, CancellationToken cancellationToken) =>
        Task.FromResult(new SearchResult
        {
            Echo = [$"tag={payload.Tag}", .. (payload.Filters ?? []).OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}")],
        });

    public Task<BrowseResult> BrowseAsync(BrowsePayload payload, CancellationToken cancellationToken) =>
        Task.FromResult(new BrowseResult { Echo = [.. (payload.Query ?? []).OrderBy(q => q.Key, StringComparer.Ordinal).Select(q => $"{q.Key}={string.Join("|", q.Value)}")] });

    // Over HTTP the redirect answers; over the in-process client the method runs and does nothing.
    public Task LegacyAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<LoginResult> LoginAsync(LoginPayload payload, CancellationToken cancellationToken)
    {
        var revision = _sessions.AddOrUpdate(payload.User, 1, (_, n) => n + 1);
        return Task.FromResult(new LoginResult
        {
            Token = $"{payload.User} on {payload.Device ?? "no device"}; #{revision}",
            Revision = revision,
            Outcome = revision == 1 ? "created" : "resumed",
            User = payload.User,
        });
    }

    public Task<Item> PutAsync(Item payload, CancellationToken cancellationToken)
    {
        var stored = new Item
        {
            ChangedBy = payload.ChangedBy,
            Revision = (payload.Revision ?? 0) + 1,
            Sku = payload.Sku,
            Tags = payload.Tags,
            Prices = payload.Prices,
        };
        _items[payload.Sku] = stored;
        return Task.FromResult(stored);
    }

    public Task<Item> PatchAsync(PatchPayload payload, CancellationToken cancellationToken)
    {
        var current = _items.TryGetValue(payload.Sku, out var found) ? found : new Item { ChangedBy = "nobody", Sku = payload.Sku };
        var patched = new Item
        {
            ChangedBy = $"{payload.Tenant}:{payload.Reason ?? "patch"}",
            Revision = (current.Revision ?? 0) + (payload.DryRun == true ? 0 : 1),
            Sku = payload.Sku,
            Tags = payload.Tags ?? current.Tags,
            Prices = current.Prices,
        };
        if (payload.DryRun != true)
        {
            _items[payload.Sku] = patched;
        }

        return Task.FromResult(patched);
    }
}

/// <summary>The reviews handler: counts the reviews of each item.</summary>
public sealed class ReviewsService : global::Language.Reviews.IReviewsService
{
    private readonly ConcurrentDictionary<string, int> _counts = new();

    public Task<global::Language.Reviews.AddResult> AddAsync(global::Language.Reviews.AddPayload payload, CancellationToken cancellationToken) =>
        Task.FromResult(new global::Language.Reviews.AddResult { Sku = payload.Sku, Count = _counts.AddOrUpdate(payload.Sku, 1, (_, n) => n + 1) });
}
