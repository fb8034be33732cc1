namespace CytoViability.Core.Templates;

public enum BooleanOperator
{
    And,
    Or,
    Not,
}
