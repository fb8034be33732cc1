namespace CytoViability.Reports.Tests.Html;

/// <summary>A temporary output folder holding hand-written run outputs (CSV columns as DESIGN.md lists them).</summary>
internal sealed class RunFolder : IDisposable
{
    public RunFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cv-report-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Report => File.ReadAllText(System.IO.Path.Combine(Path, "report.html"));

    public RunFolder With(string name, string text)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, name), text);
        return this;
    }

    /// <summary>A purity experiment of three donors whose third donor fails the 90 % purity rule (listed last in qc.csv).</summary>
    public static RunFolder Purity(string hostileName = "CLL03")
    {
        var sample = Csv(hostileName);
        return new RunFolder()
            .With("qc.csv",
                "sample,file,check,value,threshold,status,message\n"
                + "CLL01,CLL01.fcs,purity,97.3,90,pass,purity 97.3 % at or above 90 %\n"
                + "CLL02,CLL02.fcs,saturation_max,6.5,5,warn,FSC-A: 6.5 % of events at the channel maximum\n"
                + sample + "," + Csv(hostileName + ".fcs") + ",purity,85.6,90,fail,purity 85.6 % below 90 %\n")
            .With("summary.csv",
                "metric,panel,n_donors,mean,sd,sem,p_value,n_paired\n"
                + "purity,CD5/CD19,3,93.4333333333333,6.841,3.9496,,0\n")
            .With("killing.csv", "donor,panel,percent_dead,control_percent_dead,percent_killing,method,is_control,wells,target_count,percent_dead_se,low_target_count\n")
            .With("mfi_fold.csv", "donor,panel,geometric_mean,reference_geometric_mean,log2_fold\n")
            .With("populations.csv",
                "sample,file,population,parent,count,parent_count,percent_parent,percent_total,donor,replicate,panel\n"
                + "CLL01,CLL01.fcs,singlets,lymphocytes,1000,1000,100,100,CLL01,1,CD5/CD19\n"
                + "CLL01,CLL01.fcs,cd5pos_cd19pos,singlets,973,1000,97.3,97.3,CLL01,1,CD5/CD19\n"
                + "CLL02,CLL02.fcs,singlets,lymphocytes,1000,1000,100,100,CLL02,1,CD5/CD19\n"
                + "CLL02,CLL02.fcs,cd5pos_cd19pos,singlets,974,1000,97.4,97.4,CLL02,1,CD5/CD19\n")
            .With("run.json", """
                {
                  "tool": "cytoviability", "version": "0.1.0", "started_utc": "2026-11-29T03:00:00.000Z",
                  "status": "success", "exit_code": 0, "folder": "/data/purity", "output": "/data/purity/out",
                  "template": { "path": "/nowhere/cd5-cd19-purity.yaml", "name": "CLL purity <b>bold</b>", "sha256": "abc" },
                  "counts": { "files": 3, "processed": 3, "failed": 0, "qc_pass": 1, "qc_warn": 1, "qc_fail": 1, "events": 3000 },
                  "timings_ms": { "plan": 1.5, "process": 20.25 },
                  "inputs": [ { "file": "<img src=x onerror=alert(2)>.fcs", "sha256": "00", "bytes": 10, "events": 1000, "status": "processed", "ms": 1 } ]
                }
                """);
    }

    private static string Csv(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A folder still open elsewhere is left in the temp directory; it holds nothing of value.
        }
    }
}
