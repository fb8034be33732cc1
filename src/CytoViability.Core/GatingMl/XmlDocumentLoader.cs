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
}
