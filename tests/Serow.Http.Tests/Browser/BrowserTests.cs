// Licensed under the MIT license. See LICENSE in the project root.

using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Serow.Http.Tests.Python;
using Serow.Http.Tests.Runtime;

namespace Serow.Http.Tests.Browser;

/// <summary>
/// The example's web page in a real browser (Debian's chromium driven by Playwright): the browser's own WebSocket API
/// reads monitor.watch and logger.manage from the example host, and the test changes the followed topics on the fly.
/// </summary>
public sealed class BrowserTests
{
    private const float WaitMilliseconds = 10_000;

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    [Fact]
    public async Task Page_ShowsLiveMetricsAndLogs_AndFollowsTopicsOnTheFly()
    {
        ExternalTools.RequireChromium();
        Assertions.SetDefaultExpectTimeout(WaitMilliseconds);
        await using var host = await ExampleHost.StartAsync(heartbeat: TimeSpan.FromMilliseconds(200));
        var profile = Directory.CreateTempSubdirectory("serow-chromium-");
        var problems = new List<string>();
        using var playwright = await Playwright.CreateAsync().WaitAsync(Timeouts.Default);
        await using var browser = await playwright.Chromium.LaunchPersistentContextAsync(profile.FullName, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ExternalTools.Chromium,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = WaitMilliseconds,
        }).WaitAsync(Timeouts.Default);
        browser.SetDefaultTimeout(WaitMilliseconds);
        var page = browser.Pages.Count > 0 ? browser.Pages[0] : await browser.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Add($"console {message.Type}: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => problems.Add("page error: " + error);

        try
        {
            await page.GotoAsync(host.Http.ToString());

            // monitor.watch: samples arrive and keep arriving, the CPU shows a number.
            await page.WaitForFunctionAsync("() => Number(document.getElementById('samples').textContent) >= 1");
            var samples = int.Parse(await page.Locator("#samples").TextContentAsync() ?? "", System.Globalization.CultureInfo.InvariantCulture);
            await page.WaitForFunctionAsync("n => Number(document.getElementById('samples').textContent) > n", samples);
            await Assertions.Expect(page.Locator("#cpu")).ToHaveTextAsync(new Regex(@"^\d+(\.\d+)?$"));
            await Assertions.Expect(page.Locator("#monitor-state")).ToHaveTextAsync("live");

            // logger.manage: the page follows "system" on open and shows the host's heartbeats.
            await Assertions.Expect(page.Locator("#topics")).ToHaveTextAsync("system");
            await Assertions.Expect(page.Locator("#log li[data-topic=system]").First).ToContainTextAsync("heartbeat");

            // Follow "analytics" too, on the same open socket; an upload through the generated client shows up.
            await page.Locator("#topic").FillAsync("analytics");
            await page.Locator("#add").ClickAsync();
            await Assertions.Expect(page.Locator("#topics")).ToHaveTextAsync("analytics, system");
            await host.UploadAsync(3, Timeouts.Token());
            await Assertions.Expect(page.Locator("#log li[data-topic=analytics]", new() { HasText = "processed 3 events" })).ToHaveCountAsync(1);

            // Stop following "system". An analytics entry published after the confirmation marks the point from
            // which no system entry may arrive: the page receives its entries in publish order.
            await page.Locator("#topic").FillAsync("system");
            await page.Locator("#remove").ClickAsync();
            await Assertions.Expect(page.Locator("#topics")).ToHaveTextAsync("analytics");
            await host.UploadAsync(4, Timeouts.Token());
            await Assertions.Expect(page.Locator("#log li[data-topic=analytics]", new() { HasText = "processed 4 events" })).ToHaveCountAsync(1);
            var systemEntries = await page.Locator("#log li[data-topic=system]").CountAsync();

            // Let the host publish several more heartbeats (seen by a subscription of the test's own), then one more
            // analytics entry: once it is shown, every heartbeat published before it would have been shown too.
            using (var heartbeats = host.Logs.Subscribe("system"))
            {
                using var timeout = new CancellationTokenSource(Timeouts.Default);
                for (var i = 0; i < 3; i++)
                {
                    await heartbeats.Entries.ReadAsync(timeout.Token);
                }
            }

            await host.UploadAsync(5, Timeouts.Token());
            await Assertions.Expect(page.Locator("#log li[data-topic=analytics]", new() { HasText = "processed 5 events" })).ToHaveCountAsync(1);
            Assert.Equal(systemEntries, await page.Locator("#log li[data-topic=system]").CountAsync());
            await Assertions.Expect(page.Locator("#logger-state")).ToHaveTextAsync("live");
            Assert.Empty(problems);
        }
        catch (Exception e) when (e is PlaywrightException or System.TimeoutException)
        {
            Assert.Fail($"{e.Message}\npage problems: {string.Join("; ", problems)}\nscreenshot: {Screenshot()}");
        }
        finally
        {
            try
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot(), FullPage = true });
                TestContext.Current.TestOutputHelper?.WriteLine($"screenshot: {Screenshot()}");
                await browser.CloseAsync();
            }
            catch (PlaywrightException e)
            {
                TestContext.Current.TestOutputHelper?.WriteLine($"no screenshot: {e.Message}");
            }

            profile.Delete(recursive: true);
        }
    }

    private static string Screenshot() => Path.Combine(AppContext.BaseDirectory, "TestResults", "browser-example-page.png");
}
