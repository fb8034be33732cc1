namespace CytoViability.Core.Templates;

/// <summary>One thing wrong in a template, experiment.yaml or sample sheet, at the place a scientist must edit.</summary>
internal sealed record TemplateProblem(string File, TextPosition Position, string Message)
{
    public override string ToString() => File + ":" + Position.Line + ":" + Position.Column + ": error: " + Message;
}
