using CytoViability.Core.Templates;

namespace CytoViability.Core.Tests.Templates;

/// <summary>A template's `order:`: per condition column, the lab's design order of its values.</summary>
public sealed class TemplateOrderTests
{
    private const string Gates = """
        channels:
          PI: PE-A
        gates:
          - { id: dead, type: range, channel: PI, min: 1500 }

        """;

    [Fact]
    public void Order_IsReadPerColumn_InTheStatedOrder_ColumnNamesInLowerCase()
    {
        var template = TemplateText.LoadValid(Gates + """
            order:
              Treatment: [untreated, lenalidomide, CD40L]
              antibody: [none, " rituximab "]
            """);

        Assert.Equal(["treatment", "antibody"], template.Order.Keys);
        Assert.Equal(["untreated", "lenalidomide", "CD40L"], template.Order["treatment"]);
        Assert.Equal(["none", "rituximab"], template.Order["antibody"]);
    }

    [Fact]
    public void NoOrder_IsEmpty()
    {
        Assert.Empty(TemplateText.LoadValid(Gates).Order);
    }

    [Fact]
    public void AValueListedTwice_IsRefusedAtItsLineAndColumn()
    {
        var problem = TemplateText.SingleProblem(Gates + """
            order:
              treatment: [untreated, CD40L, cd40l]
            """);

        Assert.Equal(new TextPosition(6, 33), problem.Position);
        Assert.Equal("'order' of 'treatment' lists 'cd40l' twice", problem.Message);
    }

    [Fact]
    public void AColumnListedTwice_IsRefusedAtTheSecond()
    {
        var problem = TemplateText.SingleProblem(Gates + """
            order:
              treatment: [untreated]
              TREATMENT: [CD40L]
            """);

        Assert.Equal(new TextPosition(7, 3), problem.Position);
        Assert.Equal("'order' lists column 'TREATMENT' twice", problem.Message);
    }

    [Fact]
    public void AColumnThatIsNoName_IsRefusedAtItsLineAndColumn()
    {
        var problem = TemplateText.SingleProblem(Gates + """
            order:
              "two words": [a, b]
            """);

        Assert.Equal(new TextPosition(6, 3), problem.Position);
        Assert.StartsWith("'order': 'two words' is not a column name", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOrderThatIsNotAMapping_IsRefused()
    {
        var problem = TemplateText.SingleProblem(Gates + """
            order: [untreated, CD40L]
            """);

        Assert.Equal(new TextPosition(5, 8), problem.Position);
        Assert.Contains("'order'", problem.Message, StringComparison.Ordinal);
    }
}
