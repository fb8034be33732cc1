using System.Xml;
using System.Xml.Linq;

namespace CytoViability.Core.GatingMl;

/// <summary>
/// Loads a gate document (Gating-ML, FlowJo workspace) with line information and no external resolution: no DTD or
/// entity is ever fetched, and malformed XML becomes a <see cref="GatingMlException"/> at its line and column.
/// </summary>
internal static class XmlDocumentLoader
{
    /// <param name="ignoreDoctype">FlowJo 9 writes <c>&lt;!DOCTYPE Workspace&gt;</c> without a DTD; Gating-ML never has one, so there it is refused.</param>
    public static XDocument Load(Stream stream, string source, bool ignoreDoctype)
    {
        try
        {
            var settings = new XmlReaderSettings
            {
                DtdProcessing = ignoreDoctype ? DtdProcessing.Ignore : DtdProcessing.Prohibit,
                XmlResolver = null,
            };
            using var reader = XmlReader.Create(stream, settings);
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException exception)
        {
            throw new GatingMlException(source, exception.LineNumber, exception.LinePosition, "not well-formed XML: " + exception.Message, exception);
        }
    }

    /// <summary>
    /// Opens the file at <paramref name="path"/> read-only and hands it to <paramref name="read"/>, refusing a file
    /// over <paramref name="maximumBytes"/> before reading it (<paramref name="tooLarge"/>) and, when
    /// <paramref name="notFound"/> is given, a missing file with that message; any other I/O failure, while opening or
    /// reading, becomes "cannot be read" naming the file.
    /// </summary>
    public static T ReadFile<T>(string path, long maximumBytes, string tooLarge, string? notFound, Func<Stream, string, T> read)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists && notFound is not null)
            {
                throw new GatingMlException(path, 0, 0, notFound);
            }

            if (info.Exists && info.Length > maximumBytes)
            {
                throw new GatingMlException(path, 0, 0, tooLarge);
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            return read(stream, path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new GatingMlException(path, 0, 0, "cannot be read: " + exception.Message, exception);
        }
    }
}
