using CytoViability.Library;

public static class ReadmeExample
{
    public static void Run(string templatePath, string fcsPath, string experimentFolder, TextWriter output)
    {
        // One file: load a template (or GatingTemplate.Shipped("dioc6-pi-viability")), read the file, gate it.
        var template = GatingTemplate.Load(templatePath);
        var sample = FcsReader.ReadFile(fcsPath);
        output.WriteLine($"{Path.GetFileName(sample.Path)}: {sample.EventCount} events, {sample.Channels.Count} channels, $CYT {sample.Keyword("$CYT")}");

        var results = template.Apply(sample);
        foreach (var population in results.Populations)
        {
            output.WriteLine($"{population.Id}: {population.Count} events, {population.PercentParent:F2} % of {population.Parent ?? "the file"}");
        }

        foreach (var mfi in results.Mfi)
        {
            output.WriteLine($"{mfi.Channel} in {mfi.Population}: mean {mfi.Mean:F2} ({mfi.Count} events)");
        }

        // A whole experiment folder, as `cytoviability run` gates it: the same output folder, its tables read back.
        var run = Experiment.Run(experimentFolder, new ExperimentOptions { Template = templatePath });
        var populations = run.Table("populations.csv");
        for (var row = 0; row < populations.Rows.Count; row++)
        {
            output.WriteLine($"{populations.Cell(row, "sample")} {populations.Cell(row, "population")}: {populations.Cell(row, "count")}");
        }
    }
}
