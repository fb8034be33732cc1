using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace CytoViability.Cli.Logging;

/// <summary>Writes formatted log events to a writer: the command's stderr, a test's StringWriter, or run.log kept in memory.</summary>
internal sealed class FormattedWriterSink(TextWriter writer, ITextFormatter formatter) : ILogEventSink
{
    private readonly Lock _gate = new();

    public void Emit(LogEvent logEvent)
    {
        lock (_gate)
        {
            formatter.Format(logEvent, writer);
        }
    }
}
