using System.Diagnostics;
using CytoViability.Core.Fcs;

namespace CytoViability.Core.Tests.Hostile;

/// <summary>
/// ReadFile on paths that are not regular files: a named pipe (opening one for reading waits for a writer that
/// never comes), a folder, a missing file. Each is a prompt, typed error, never a hang.
/// </summary>
public sealed class FcsReadFileHostileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cv-readfile-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task NamedPipe_IsRefusedPromptly_NotWaitedOn()
    {
        var pipe = Path.Combine(_folder, "pipe.fcs");
        using (var mkfifo = Process.Start("mkfifo", pipe))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var read = Task.Factory.StartNew(() => FcsReader.ReadFile(pipe), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var finished = await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken)) == read;
        if (!finished)
        {
            // Release the blocked open() so the test host can end, then report the hang.
            using var writer = new FileStream(pipe, FileMode.Open, FileAccess.Write);
        }

        Assert.True(finished, "ReadFile waited on a named pipe");
        var exception = await Assert.ThrowsAsync<FcsFormatException>(() => read);
        Assert.Equal(("HEADER", 0L), (exception.Segment, exception.Offset));
        Assert.Contains(pipe, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Folder_IsAnIoError_NotAHang()
    {
        var folder = Path.Combine(_folder, "folder.fcs");
        Directory.CreateDirectory(folder);

        var exception = Record.Exception(() => FcsReader.ReadFile(folder));

        Assert.True(exception is IOException or UnauthorizedAccessException or FcsFormatException, exception?.GetType().FullName);
    }

    [Fact]
    public void EmptyFile_IsRefusedAtTheHeader()
    {
        var empty = Path.Combine(_folder, "empty.fcs");
        File.WriteAllBytes(empty, []);

        var exception = Assert.Throws<FcsFormatException>(() => FcsReader.ReadFile(empty));

        Assert.Equal(("HEADER", 0L), (exception.Segment, exception.Offset));
    }

    [Fact]
    public void A_file_truncated_while_its_events_are_streamed_is_refused_naming_the_file_and_the_data_segment()
    {
        // The length is taken when the file is opened; the file then loses its last 1,000 bytes before DATA is read.
        var path = Path.Combine(_folder, "shrinking.fcs");
        var columns = new[] { new float[2000], new float[2000] };
        FcsWriter.WriteFile(path, new FcsWriteDataSet([new FcsWriteParameter("FSC-A", null, 262144), new FcsWriteParameter("SSC-A", null, 262144)], columns, []));
        var length = new FileInfo(path).Length;
        using (var shrink = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            shrink.SetLength(length - 1000);
        }

        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var exception = Assert.Throws<FcsFormatException>(() => FcsDataSetReader.Read(new FcsFileSource(handle, length), path, 0, new FcsReadOptions(), out _));

        Assert.Equal("DATA", exception.Segment);
        Assert.Contains(path, exception.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", exception.Message, StringComparison.Ordinal);
    }
}
