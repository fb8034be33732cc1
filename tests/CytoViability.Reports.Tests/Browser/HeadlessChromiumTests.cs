namespace CytoViability.Reports.Tests.Browser;

/// <summary>
/// The browser harness itself: a report check that sees no messages means something only if a page that does raise
/// them is seen raising each kind.
/// </summary>
public sealed class HeadlessChromiumTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cv-chromium-page-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_page_that_logs_throws_and_breaks_its_policy_raises_each_as_a_message_and_keeps_its_dom()
    {
        HeadlessChromium.SkipUnlessInstalled();
        var page = Path.Combine(_folder, "noisy.html");
        File.WriteAllText(page, """
            <!DOCTYPE html>
            <html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'"></head>
            <body><p id="before">written</p><img src="data:image/png;base64,iVBORw0KGgo=">
            <script>console.error('probe error', 42); document.getElementById('before').textContent = 'changed by script'; throw new Error('probe exception');</script>
            </body></html>
            """);

        var loaded = await HeadlessChromium.Load(page);

        Assert.Contains("console.error: probe error 42", loaded.Messages);
        Assert.Contains(loaded.Messages, m => m.StartsWith("exception: ", StringComparison.Ordinal) && m.Contains("probe exception", StringComparison.Ordinal));
        Assert.Contains(loaded.Messages, m => m.StartsWith("log (security, error): ", StringComparison.Ordinal) && m.Contains("Content Security Policy", StringComparison.Ordinal));
        Assert.Contains("<p id=\"before\">changed by script</p>", loaded.Dom, StringComparison.Ordinal);
    }
}
