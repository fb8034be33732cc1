namespace CytoViability.Core.Tests.Library;

/// <summary>A caller (the command-line tool, a script) catches one type for every problem with the lab's input.</summary>
public sealed class ExceptionBaseTests
{
    [Fact]
    public void EveryExceptionTheEngineDefines_DerivesFromCytoViabilityException()
    {
        var engine = typeof(CytoViabilityException).Assembly;

        var others = engine.GetTypes().Where(type => type.IsSubclassOf(typeof(Exception)) && !type.IsSubclassOf(typeof(CytoViabilityException)) && type != typeof(CytoViabilityException));

        Assert.Empty(others);
        Assert.Contains(typeof(Core.Fcs.FcsFormatException), engine.GetTypes());
    }
}
