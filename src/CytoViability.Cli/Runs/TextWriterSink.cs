using System.Globalization;
using Serilog.Core;
using Serilog.Events;

namespace CytoViability.Cli.Runs;

/// <summary>Plain log lines for a redirected console (CI logs, pipes): one line per event, invariant culture.</summary>
internal sealed class TextWriterSink : ILogEventSink
{
    private readonly TextWriter _output;
    private readonly Lock _gate = new();

    public TextWriterSink(TextWriter output)
    {
        _output = output;
    }

    public void Emit(LogEvent logEvent)
    {
        var level = logEvent.Level switch
        {
            LogEventLevel.Warning => "warning: ",
            LogEventLevel.Error or LogEventLevel.Fatal => "error: ",
            _ => string.Empty,
        };
        var text = logEvent.RenderMessage(CultureInfo.InvariantCulture);
        lock (_gate)
        {
            _output.WriteLine(level + text);
        }
    }
}
