using System.Globalization;
using System.Text;
using CytoViability.Core.Gating;
using CytoViability.Core.Tests.Templates;

namespace CytoViability.Core.Tests.Hostile;

/// <summary>
/// Issue 14 item 13: a chain of gates listed child first, deeper than any strategy a lab draws, is refused by
/// validation (at the gate's line) and by the gating engine alike; chains within the limit are ordered without
/// recursion, whatever order they are listed in.
/// </summary>
public sealed class DeepGateChainTests
{
    private static readonly ChannelDimension X = ChannelDimension.Raw("FSC-A");

    /// <summary>A template whose gates g0 ← g1 ← … ← g(n−1) are listed deepest first.</summary>
    private static string ChildFirstChain(int gates)
    {
        var yaml = new StringBuilder("channels:\n  FSC-A: FSC-A\ngates:\n");
        for (var i = gates - 1; i >= 0; i--)
        {
            var parent = i == 0 ? string.Empty : ", parent: g" + (i - 1).ToString(CultureInfo.InvariantCulture);
            yaml.Append("  - { id: g").Append(i.ToString(CultureInfo.InvariantCulture)).Append(parent).Append(", type: range, channel: FSC-A, min: 0 }\n");
        }

        return yaml.ToString();
    }

    [Fact]
    public void A_55000_gate_chain_listed_child_first_is_refused_by_validate_at_the_gate_past_the_limit()
    {
        var result = TemplateText.Load(ChildFirstChain(55_000));

        Assert.Null(result.Template);
        var problem = Assert.Single(result.Problems);
        Assert.Contains("deeper than " + GateTreeOrder.MaximumDepth, problem.Message, StringComparison.Ordinal);
        Assert.Contains("'g" + GateTreeOrder.MaximumDepth.ToString(CultureInfo.InvariantCulture) + "'", problem.Message, StringComparison.Ordinal);

        // g256 (depth 257) is listed 55,000 − 257 = 54,743 gates after the first gate line (line 4).
        Assert.Equal(4 + 55_000 - 1 - GateTreeOrder.MaximumDepth, problem.Position?.Line);
    }

    [Fact]
    public void A_chain_exactly_at_the_depth_limit_is_accepted_and_ordered_parents_first()
    {
        var template = TemplateText.LoadValid(ChildFirstChain(GateTreeOrder.MaximumDepth));

        var order = template.Populations.ToList();
        for (var i = 1; i < GateTreeOrder.MaximumDepth; i++)
        {
            Assert.True(order.IndexOf("g" + (i - 1)) < order.IndexOf("g" + i), "g" + (i - 1) + " must come before g" + i);
        }
    }

    [Fact]
    public void The_gating_engine_refuses_a_chain_past_the_depth_limit_without_recursing()
    {
        var gates = new List<Gate>();
        for (var i = 1_000; i >= 0; i--)
        {
            gates.Add(new RectangleGate("g" + i, i == 0 ? null : "g" + (i - 1), [new DimensionBound(X, 0, null)]));
        }

        var error = Assert.Throws<GateReferenceException>(() => new GatingStrategy(gates));
        Assert.Contains("deeper than " + GateTreeOrder.MaximumDepth, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_gating_engine_gates_a_child_first_chain_at_the_limit_like_its_parents()
    {
        var gates = new List<Gate>();
        for (var i = GateTreeOrder.MaximumDepth - 1; i >= 0; i--)
        {
            // g_i keeps FSC-A ≥ i: g0 holds all five events 0..4 ... g4 holds one event; deeper gates hold none.
            gates.Add(new RectangleGate("g" + i, i == 0 ? null : "g" + (i - 1), [new DimensionBound(X, i, null)]));
        }

        var strategy = new GatingStrategy(gates);
        var result = strategy.Evaluate(new EventColumns(5, ["FSC-A"], [null], _ => [0, 1, 2, 3, 4]));

        Assert.Equal(5, result.Count("g0"));
        Assert.Equal(1, result.Count("g4"));
        Assert.Equal(0, result.Count("g" + (GateTreeOrder.MaximumDepth - 1)));
    }
}
