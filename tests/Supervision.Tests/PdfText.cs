using System.Diagnostics;
using Xunit;

namespace Supervision.Tests;

/// <summary>A PDF's text as a reader's tool extracts it (poppler's pdftotext), whitespace removed so that a
/// table cell's line breaks do not split what is looked for.</summary>
public static class PdfText
{
    public static async Task<string> ExtractAsync(byte[] pdf)
    {
        Assert.True(pdf.AsSpan().StartsWith("%PDF-"u8), "the document is a PDF");
        var path = Path.Combine(Path.GetTempPath(), $"extract-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", path, "-"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var text = await process.StandardOutput.ReadToEndAsync();
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"pdftotext opens the document: {errors}");
            return string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
