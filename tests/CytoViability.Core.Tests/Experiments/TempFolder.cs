namespace CytoViability.Core.Tests.Experiments;

/// <summary>A scratch experiment folder deleted after the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = Directory.CreateTempSubdirectory("cv-experiment-").FullName;
    }

    public string Path { get; }

    public string Write(string relative, string content = "not really FCS")
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
