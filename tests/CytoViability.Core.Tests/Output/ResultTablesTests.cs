using CytoViability.Core.Output;
using CytoViability.Core.Qc;

namespace CytoViability.Core.Tests.Output;

public sealed class ResultTablesTests
{
    [Fact]
    public void WritePopulations_MetadataColumns_FollowTheContractColumns()
    {
        var text = new StringWriter();
        PopulationRow[] rows =
        [
            new("D1_noAb_1", "D1_noAb_1.fcs", "Dead targets", "Targets", 300, 1200, 25.0, 3.0, ["D1", "none", "1"]),
        ];

        ResultTables.WritePopulations(text, ["donor", "antibody", "replicate"], rows);

        Assert.Equal(
            "sample,file,population,parent,count,parent_count,percent_parent,percent_total,donor,antibody,replicate\n" +
            "D1_noAb_1,D1_noAb_1.fcs,Dead targets,Targets,300,1200,25,3,D1,none,1\n",
            text.ToString());
    }

    [Fact]
    public void WritePopulationsWide_OneRowPerSample_PercentOfParentAndGeometricMfiColumns_EmptyWhereASampleLacksOne()
    {
        var text = new StringWriter();
        PopulationRow[] populations =
        [
            new("D1_UT", "D1_UT.fcs", "cells", "", 900, 1000, 90, 90, ["D1", "untreated"]),
            new("D1_UT", "D1_UT.fcs", "live", "cells", 720, 900, 80, 72, ["D1", "untreated"]),
            new("D2_LEN", "D2_LEN.fcs", "cells", "", 500, 1000, 50, 50, ["D2", "lenalidomide"]),
        ];
        MfiRow[] mfi = [new("D1_UT", "live", "CD40L", "CD40L", 5000, 4000, 3955.5, 2, 3900, 40, 30, 720)];

        ResultTables.WritePopulationsWide(text, ["donor", "treatment"], populations, mfi);

        Assert.Equal(
            "sample,file,donor,treatment,cells % of total,live % of cells,live geometric mean CD40L\n" +
            "D1_UT,D1_UT.fcs,D1,untreated,90,80,3955.5\n" +
            "D2_LEN,D2_LEN.fcs,D2,lenalidomide,50,,\n",
            text.ToString());
    }

    [Fact]
    public void WriteSummary_ReferenceRow_HasAnEmptyPValue()
    {
        var text = new StringWriter();
        SummaryRow[] rows =
        [
            new("viability", ["untreated"], 3, 80.5, 2.5, 1.4433756729740645, null, 0),
            new("viability", ["lenalidomide"], 3, 60.25, 5, 2.886751345948129, 0.0123, 3),
        ];

        ResultTables.WriteSummary(text, ["treatment"], rows);

        Assert.Equal(
            "metric,treatment,n_donors,mean,sd,sem,p_value,n_paired\n" +
            "viability,untreated,3,80.5,2.5,1.4433756729740645,,0\n" +
            "viability,lenalidomide,3,60.25,5,2.886751345948129,0.0123,3\n",
            text.ToString());
    }

    [Fact]
    public void WriteKilling_NegativeKilling_IsWrittenAsANumber()
    {
        var text = new StringWriter();
        KillingRow[] rows = [new("D1", ["b12", "30:1"], 9.5, 10.0, -0.5, "difference", false, 2, 2400, 0.6, false)];

        ResultTables.WriteKilling(text, ["antibody", "ratio"], rows);

        Assert.Equal(
            "donor,antibody,ratio,percent_dead,control_percent_dead,percent_killing,method,is_control,wells,target_count,percent_dead_se,low_target_count\n" +
            "D1,b12,30:1,9.5,10,-0.5,difference,false,2,2400,0.6,false\n",
            text.ToString());
    }

    [Fact]
    public void WriteMfiAndFoldAndQc_HeadersMatchTheContract()
    {
        var mfi = new StringWriter();
        var fold = new StringWriter();
        var qc = new StringWriter();

        ResultTables.WriteMfi(mfi, [new("S1", "Live", "PE-A", "CD40L", 1.5, 1, 2, 3, 4, 5, 6, 7)]);
        ResultTables.WriteMfiFold(fold, ["stimulation"], [new("D1", ["CD40L"], 400, 100, 2)]);
        ResultTables.WriteQc(qc, [new("S1", "s1.fcs", "purity", 85.5, 90, QcStatus.Fail, "CD5+CD19+ 85.5 % < 90 %")]);

        Assert.Equal(
            "sample,population,channel,marker,mean,median,geometric_mean,n_nonpositive,display_mean,cv,robust_cv,count\n" +
            "S1,Live,PE-A,CD40L,1.5,1,2,3,4,5,6,7\n",
            mfi.ToString());
        Assert.Equal(
            "donor,stimulation,geometric_mean,reference_geometric_mean,log2_fold\nD1,CD40L,400,100,2\n",
            fold.ToString());
        Assert.Equal(
            "sample,file,check,value,threshold,status,message\nS1,s1.fcs,purity,85.5,90,fail,CD5+CD19+ 85.5 % < 90 %\n",
            qc.ToString());
    }

    [Fact]
    public void WriteSummary_ConditionColumnNamedLikeAFixedColumn_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => ResultTables.WriteSummary(new StringWriter(), ["mean"], []));

        Assert.Contains("'mean'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteKilling_RowWithTooFewConditionValues_IsRejected()
    {
        KillingRow[] rows = [new("D1", ["b12"], 9.5, 10.0, -0.5, "difference", false, 2, 2400, 0.6, false)];

        Assert.Throws<ArgumentException>(() => ResultTables.WriteKilling(new StringWriter(), ["antibody", "ratio"], rows));
    }
}
