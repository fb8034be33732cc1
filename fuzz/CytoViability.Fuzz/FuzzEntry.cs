using System.Text;
using CytoViability.Core.Tests.Hostile;
using SharpFuzz;

namespace CytoViability.Fuzz;

/// <summary>
/// `fcs` and `template` are AFL++ targets (run under afl-fuzz after `sharpfuzz` instrumented CytoViability.Core.dll);
/// `seeds DIR` writes the FCS seed corpus; `replay FILE...` runs the FCS target once per file and says what happened.
/// </summary>
internal static class FuzzEntry
{
    public static int Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "fcs":
                Fuzzer.OutOfProcess.Run(stream => FcsTarget.Run(ReadAll(stream)));
                return 0;
            case "template":
                Fuzzer.OutOfProcess.Run(stream => TemplateTarget.Run(ReadAll(stream)));
                return 0;
            case "seeds" when args.Length == 2:
                Directory.CreateDirectory(args[1]);
                var seeds = FcsSeedCorpus.Load();
                for (var i = 0; i < seeds.Count; i++)
                {
                    File.WriteAllBytes(Path.Combine(args[1], i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture) + ".fcs"), seeds[i].Bytes);
                }

                Console.WriteLine(seeds.Count + " seeds written to " + args[1]);
                return 0;
            case "replay" when args.Length >= 2:
                var failures = 0;
                foreach (var file in args.Skip(1))
                {
                    try
                    {
                        FcsTarget.Run(File.ReadAllBytes(file));
                        Console.WriteLine("ok       " + file);
                    }
                    catch (Exception exception)
                    {
                        failures++;
                        Console.WriteLine("VIOLATES " + file + ": " + exception);
                    }
                }

                return failures == 0 ? 0 : 1;
            default:
                Console.Error.WriteLine("usage: CytoViability.Fuzz fcs|template   (under afl-fuzz)\n       CytoViability.Fuzz seeds DIR\n       CytoViability.Fuzz replay FILE...");
                return 1;
        }
    }

    /// <summary>AFL++ inputs are small; anything past 1 MB is cut, as the seeds never need more.</summary>
    private static byte[] ReadAll(Stream stream)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0 && buffer.Length < 1 << 20)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
