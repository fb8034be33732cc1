using Serilog;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace CytoViability.Cli.Logging;

/// <summary>
/// Serilog set up for the command line: everything goes to the error writer (stderr), so stdout carries only a
/// command's results and can be piped. Lines read "warning: ...", "info: ...".
/// </summary>
internal static class CliLogging
{
    private const string Template = "{Level:w}: {Message:lj}{NewLine}{Exception}";

    public static ILogger Create(TextWriter error, LogEventLevel minimum = LogEventLevel.Information) =>
        new LoggerConfiguration()
            .MinimumLevel.Is(minimum)
            .WriteTo.Sink(new FormattedWriterSink(error, new MessageTemplateTextFormatter(Template, System.Globalization.CultureInfo.InvariantCulture)))
            .CreateLogger();
}
