using System.Globalization;
using Serilog.Events;
using Serilog.Formatting;

namespace CytoViability.Cli.Logging;

/// <summary>
/// Plain log lines for a redirected console (CI logs, pipes): one line per event, invariant culture, information
/// without a prefix and "warning: " or "error: " before the others. Written through <see cref="FormattedWriterSink"/>.
/// </summary>
internal sealed class ConsoleLineFormatter : ITextFormatter
{
    public void Format(LogEvent logEvent, TextWriter output)
    {
        output.Write(logEvent.Level switch
        {
            LogEventLevel.Warning => "warning: ",
            LogEventLevel.Error or LogEventLevel.Fatal => "error: ",
            _ => string.Empty,
        });
        output.WriteLine(logEvent.RenderMessage(CultureInfo.InvariantCulture));
    }
}
