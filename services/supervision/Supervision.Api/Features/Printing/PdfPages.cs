using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Supervision.Api.Features.Printing;

/// <summary>A filed document as PDF: A4 pages filled from the top, text wrapped character by character (Chinese
/// has no spaces to break at), tables whose header is repeated on each page and whose rows never split, bar
/// charts drawn as shapes, and "第 n 页 共 m 页" at the foot of each page. Text is embedded with its Unicode
/// mapping, so what a reader copies or a tool extracts is the text printed.</summary>
public sealed class PdfPages : IDisposable
{
    const double Margin = 51; // 18 mm
    const double FooterSpace = 28;
    static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
    readonly PdfDocument _document = new();
    XGraphics _page = null!;
    double _y;

    public PdfPages(string title)
    {
        _document.Info.Title = title;
        _document.Info.Creator = "园区执法监督平台";
        NewPage();
    }

    static XFont Font(double size, bool bold = false) => new(PdfFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);

    double Left => Margin;
    double Width => _page.PageSize.Width - 2 * Margin;
    double Bottom => _page.PageSize.Height - Margin - FooterSpace;

    void NewPage()
    {
        _page?.Dispose();
        var page = _document.AddPage();
        page.Size = PageSize.A4;
        _page = XGraphics.FromPdfPage(page);
        _y = Margin;
    }

    void Need(double height)
    {
        if (_y + height > Bottom && _y > Margin) NewPage();
    }

    public void Title(string text)
    {
        var font = Font(18, bold: true);
        Need(30);
        _page.DrawString(text, font, XBrushes.Black, new XRect(Left, _y, Width, 24), XStringFormats.TopCenter);
        _y += 34;
    }

    public void Heading(string text)
    {
        var font = Font(13, bold: true);
        Need(60);
        _y += 8;
        _page.DrawString(text, font, XBrushes.Black, new XPoint(Left, _y), XStringFormats.TopLeft);
        _y += 19;
        _page.DrawLine(XPens.Black, Left, _y, Left + Width, _y);
        _y += 6;
    }

    public void Paragraph(string text, double size = 10.5, bool muted = false)
    {
        var font = Font(size);
        foreach (var line in Wrap(text, font, Width))
        {
            Need(size * 1.6);
            _page.DrawString(line, font, muted ? XBrushes.DimGray : XBrushes.Black, new XPoint(Left, _y), XStringFormats.TopLeft);
            _y += size * 1.6;
        }
        _y += 4;
    }

    /// <summary>A table; <paramref name="widths"/> are the columns' shares of the page's width.</summary>
    public void Table(IReadOnlyList<string> headers, IReadOnlyList<double> widths, IEnumerable<IReadOnlyList<string>> rows, double size = 9.5)
    {
        var (font, bold) = (Font(size), Font(size, bold: true));
        var columns = widths.Select(w => w * Width).ToArray();
        const double pad = 3;
        var lineHeight = size * 1.45;

        double Row(IReadOnlyList<string> cells, XFont f, bool header)
        {
            var wrapped = cells.Select((c, i) => Wrap(c, f, columns[i] - 2 * pad)).ToList();
            var height = Math.Max(1, wrapped.Max(w => w.Count)) * lineHeight + 2 * pad;
            var x = Left;
            for (var i = 0; i < columns.Length; i++)
            {
                if (header) _page.DrawRectangle(XBrushes.WhiteSmoke, x, _y, columns[i], height);
                _page.DrawRectangle(new XPen(XColors.DimGray, 0.5), x, _y, columns[i], height);
                for (var l = 0; l < wrapped[i].Count; l++)
                    _page.DrawString(wrapped[i][l], f, XBrushes.Black, new XPoint(x + pad, _y + pad + l * lineHeight), XStringFormats.TopLeft);
                x += columns[i];
            }
            return height;
        }

        double Height(IReadOnlyList<string> cells, XFont f) =>
            Math.Max(1, cells.Select((c, i) => Wrap(c, f, columns[i] - 2 * pad).Count).Max()) * lineHeight + 2 * pad;

        Need(Height(headers, bold) * 2);
        _y += Row(headers, bold, header: true);
        foreach (var row in rows)
        {
            var height = Height(row, font);
            if (_y + height > Bottom)
            {
                NewPage();
                _y += Row(headers, bold, header: true);
            }
            _y += Row(row, font, header: false);
        }
        _y += 8;
    }

    /// <summary>A bar chart of pairs: each label's value in the period (dark) beside the same period a year before (light).</summary>
    public void Bars(IReadOnlyList<(string Label, double Now, double Before)> series, string nowLegend, string beforeLegend)
    {
        const double barHeight = 9, gap = 7, labelWidth = 130;
        var font = Font(9);
        var height = series.Count * (2 * barHeight + gap) + 24;
        Need(height);
        var max = Math.Max(1, series.Max(s => Math.Max(s.Now, s.Before)));
        var span = Width - labelWidth - 40;
        _page.DrawRectangle(XBrushes.SteelBlue, Left, _y, 10, 8);
        _page.DrawString(nowLegend, font, XBrushes.Black, new XPoint(Left + 14, _y - 1), XStringFormats.TopLeft);
        _page.DrawRectangle(XBrushes.LightSteelBlue, Left + 110, _y, 10, 8);
        _page.DrawString(beforeLegend, font, XBrushes.Black, new XPoint(Left + 124, _y - 1), XStringFormats.TopLeft);
        _y += 18;
        foreach (var (label, now, before) in series)
        {
            _page.DrawString(label, font, XBrushes.Black, new XRect(Left, _y, labelWidth - 6, 2 * barHeight), XStringFormats.CenterRight);
            _page.DrawRectangle(XBrushes.SteelBlue, Left + labelWidth, _y, span * now / max, barHeight);
            _page.DrawString(Number(now), font, XBrushes.Black, new XPoint(Left + labelWidth + span * now / max + 3, _y - 1), XStringFormats.TopLeft);
            _page.DrawRectangle(XBrushes.LightSteelBlue, Left + labelWidth, _y + barHeight, span * before / max, barHeight);
            _page.DrawString(Number(before), font, XBrushes.Black, new XPoint(Left + labelWidth + span * before / max + 3, _y + barHeight - 1), XStringFormats.TopLeft);
            _y += 2 * barHeight + gap;
        }
        _page.DrawLine(XPens.Gray, Left + labelWidth, _y - height + 18, Left + labelWidth, _y - gap);
        _y += 6;
    }

    static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Greedy, character by character: lines break where the next character would overflow, and at line breaks.</summary>
    List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in (text ?? "").Replace("\r", "").Split('\n'))
        {
            var line = new System.Text.StringBuilder();
            foreach (var rune in paragraph.EnumerateRunes())
            {
                var next = line + rune.ToString();
                if (line.Length > 0 && _page.MeasureString(next, font).Width > width)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }
                line.Append(rune.ToString());
            }
            lines.Add(line.ToString());
        }
        return lines;
    }

    /// <summary>The document, with each page's number at its foot.</summary>
    public byte[] ToArray()
    {
        _page.Dispose();
        var font = Font(9);
        for (var i = 0; i < _document.PageCount; i++)
        {
            using var g = XGraphics.FromPdfPage(_document.Pages[i], XGraphicsPdfPageOptions.Append);
            g.DrawString($"第 {i + 1} 页 共 {_document.PageCount} 页", font, XBrushes.DimGray,
                new XRect(0, g.PageSize.Height - Margin, g.PageSize.Width, 14), XStringFormats.TopCenter);
        }
        using var stream = new MemoryStream();
        _document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    public void Dispose() => _document.Dispose();
}
