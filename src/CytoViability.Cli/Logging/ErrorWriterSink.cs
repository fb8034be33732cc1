using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace CytoViability.Cli.Logging;

/// <summary>Writes log events to the command's error writer (the console's stderr, or a test's StringWriter).</summary>
internal sealed class ErrorWriterSink(TextWriter error, ITextFormatter formatter) : ILogEventSink
{
    private readonly Lock _gate = new();

    public void Emit(LogEvent logEvent)
    {
        lock (_gate)
        {
            formatter.Format(logEvent, error);
        }
    }
}
