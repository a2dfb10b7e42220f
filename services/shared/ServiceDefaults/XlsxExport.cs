using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniExcelLibs;

namespace ServiceDefaults;

/// <summary>One column of an export: its Chinese header and how a row fills it.</summary>
public sealed record XlsxColumn<T>(string Header, Func<T, object?> Value);

/// <summary>Every spreadsheet a service hands out is written here, one way: Chinese headers on the first
/// row (also when nothing matches), values as the clerk reads them (days and Beijing times as text), and
/// text that a spreadsheet would run as a formula kept as text.
///
/// Rows are written as they are enumerated from the database, into a temporary file that is deleted when
/// the response has been sent: a year of a county's rows costs disk, not memory. The file, not the
/// response, is written first because the zip's central directory is written synchronously at its end
/// (the server forbids synchronous writes to a response), and because a failure half-way then answers with
/// problem details instead of a truncated file.</summary>
public static class XlsxExport
{
    /// <summary>The first characters with which a spreadsheet (or a CSV saved from it) starts a formula or
    /// a DDE call. Such text gets a leading apostrophe, the spreadsheet's own mark for "this is text".</summary>
    const string FormulaStarts = "=+-@\t\r";

    /// <summary>The text as a spreadsheet must show it: unchanged unless it would start a formula.</summary>
    public static string? Text(string? value) =>
        value is { Length: > 0 } && FormulaStarts.Contains(value[0]) ? "'" + value : value;

    public static async Task<FileStreamHttpResult> WriteAsync<T>(IAsyncEnumerable<T> rows, IReadOnlyList<XlsxColumn<T>> columns,
        string sheetName, string fileName, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():N}.xlsx");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await file.SaveAsAsync(Cells(rows, columns, ct), printHeader: false, sheetName: sheetName, cancellationToken: ct);
            file.Position = 0;
            // The result disposes the stream once sent, and the file goes with it.
            return TypedResults.File(file, XlsxUpload.ContentType, fileName);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>The same, for rows already in memory (a published list, a plan).</summary>
    public static Task<FileStreamHttpResult> WriteAsync<T>(IEnumerable<T> rows, IReadOnlyList<XlsxColumn<T>> columns,
        string sheetName, string fileName, CancellationToken ct) => WriteAsync(rows.ToAsyncEnumerable(), columns, sheetName, fileName, ct);

    /// <summary>The headers as the first row, so that an export of nothing still says what it would hold;
    /// the columns are keyed by their headers (unique within an export).</summary>
    static async IAsyncEnumerable<IDictionary<string, object?>> Cells<T>(IAsyncEnumerable<T> rows, IReadOnlyList<XlsxColumn<T>> columns,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        yield return columns.ToDictionary(c => c.Header, c => (object?)c.Header);
        await foreach (var row in rows.WithCancellation(ct))
        {
            var cells = new Dictionary<string, object?>(columns.Count);
            foreach (var column in columns) cells[column.Header] = Cell(column.Value(row));
            yield return cells;
        }
    }

    static object? Cell(object? value) => value switch
    {
        null => null,
        string s => Text(s),
        bool b => b ? "是" : "否",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        int or long or decimal or double => value,
        IEnumerable<string> list => Text(string.Join("、", list)),
        _ => Text(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };
}
