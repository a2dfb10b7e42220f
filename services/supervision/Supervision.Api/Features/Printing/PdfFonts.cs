using PdfSharp.Fonts;

namespace Supervision.Api.Features.Printing;

/// <summary>The one font every PDF is set in: a Chinese font file found on the machine (or named by
/// <c>Supervision:PdfFontFile</c>) and embedded, subset, in each document, so a PDF reads the same on any
/// reader's machine. PDFsharp resolves fonts through one process-wide resolver, so it is installed once.</summary>
public sealed class PdfFonts : IFontResolver
{
    /// <summary>Where Debian's <c>fonts-wqy-zenhei</c> and <c>fonts-wqy-microhei</c> put their TrueType collections
    /// (deploy/local/prerequisites.sh installs the first; the images install it too).</summary>
    static readonly string[] Candidates = ["/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"];

    public const string Family = "PrintChinese";
    static readonly Lock Gate = new();
    static PdfFonts? _installed;
    readonly byte[] _font;

    PdfFonts(byte[] font) => _font = font;

    /// <summary>Installs the resolver on first use; the file named first wins for the process.</summary>
    public static void Install(string? configured)
    {
        lock (Gate)
        {
            if (_installed is not null) return;
            var path = configured is { Length: > 0 } ? configured : Candidates.FirstOrDefault(File.Exists);
            if (path is null || !File.Exists(path))
                throw new InvalidOperationException($"No Chinese font for PDFs: install the Debian package fonts-wqy-zenhei or name a TrueType file in Supervision:PdfFontFile (looked for {string.Join(", ", configured is { Length: > 0 } ? [configured] : Candidates)}).");
            _installed = new PdfFonts(FirstFace(File.ReadAllBytes(path)));
            GlobalFontSettings.FontResolver = _installed;
        }
    }

    /// <summary>Every family and style is the one face (the first of a collection); bold is simulated.</summary>
    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) => new(Family, isBold, false);

    public byte[]? GetFont(string faceName) => _font;

    /// <summary>The first face of a TrueType collection (<c>ttcf</c>) as a font file of its own; a font file as it is.
    /// PDFsharp 6.2 reads single fonts only. A face's tables are copied unchanged (so their checksums hold) behind a
    /// new table directory whose offsets point into the new file.</summary>
    static byte[] FirstFace(byte[] file)
    {
        static uint U32(byte[] b, int at) => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(at));
        if (file.Length < 12 || U32(file, 0) != 0x74746366) return file; // "ttcf"
        var face = (int)U32(file, 12);
        var tables = System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(face + 4));
        var directory = 12 + 16 * tables;
        var entries = Enumerable.Range(0, tables).Select(i => face + 12 + 16 * i)
            .Select(at => (Entry: at, Offset: (int)U32(file, at + 8), Length: (int)U32(file, at + 12))).ToList();
        using var output = new MemoryStream();
        output.Write(file, face, directory);
        var header = output.GetBuffer();
        var position = directory;
        var data = new MemoryStream();
        for (var i = 0; i < entries.Count; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(12 + 16 * i + 8), (uint)position);
            data.Write(file, entries[i].Offset, entries[i].Length);
            var padded = (entries[i].Length + 3) & ~3;
            data.Write(new byte[padded - entries[i].Length]);
            position += padded;
        }
        data.Position = 0;
        data.CopyTo(output);
        return output.ToArray();
    }
}
