namespace CytoViability.Core.Templates;

internal enum BooleanOperator
{
    And,
    Or,
    Not,
}
