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
            _installed = new PdfFonts(File.ReadAllBytes(path));
            GlobalFontSettings.FontResolver = _installed;
        }
    }

    /// <summary>Every family and style is the one face (the first of a collection); bold is simulated.</summary>
    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) => new(Family, isBold, false);

    public byte[]? GetFont(string faceName) => _font;
}
