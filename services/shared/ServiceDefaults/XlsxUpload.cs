using System.IO.Compression;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniExcelLibs;

namespace ServiceDefaults;

/// <summary>A spreadsheet the office keeps with Chinese headers, as it may be uploaded.</summary>
/// <param name="Name">What the clerk calls it in the answers ("form", "list").</param>
/// <param name="Columns">The headers it must have, checked on the first row: a form that names any must hold a row.</param>
/// <param name="MaxRows">The rows it may hold; one more is read, so that more are seen.</param>
public sealed record XlsxForm(string Name, IReadOnlyList<string> Columns, int MaxRows)
{
    /// <summary>More than <see cref="MaxRows"/> rows are left to the caller's own validation to answer
    /// instead of refused here.</summary>
    public bool CountedByCaller { get; init; }
}

/// <summary>An upload's rows (header → cell), or what refuses it: <see cref="Refused"/> for the
/// request itself (415, 413), <see cref="Invalid"/> for the file (400, field <c>file</c>).</summary>
public sealed record XlsxRows(List<IDictionary<string, object?>> Rows, ProblemHttpResult? Refused = null, ValidationProblem? Invalid = null);

/// <summary>Reads an uploaded xlsx form: its content type, its size, whether it is a readable
/// spreadsheet, its required columns and its number of rows, answered alike wherever a form is uploaded.</summary>
public static class XlsxUpload
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    const int MaxBytes = 5 * 1024 * 1024;
    // An xlsx is a zip: 5 MB of it can expand to gigabytes (a zip bomb). A real form has a dozen parts
    // and expands ten to twenty times; the shared strings are held in memory while the sheet is read.
    const int MaxParts = 200;
    const long MaxExpandedBytes = 100L * 1024 * 1024, MaxSharedStringBytes = 20L * 1024 * 1024;

    public static async Task<XlsxRows> ReadAsync(HttpRequest request, XlsxForm form, CancellationToken ct)
    {
        if (!string.Equals(request.ContentType, ContentType, StringComparison.OrdinalIgnoreCase))
            return Refuse(TypedResults.Problem(title: $"Send the {form.Name} as an xlsx file.", detail: $"Content-Type must be {ContentType}.", statusCode: StatusCodes.Status415UnsupportedMediaType));
        // The declared length refuses a large file before it is read; the length read refuses one that lied.
        if (request.ContentLength > MaxBytes) return Refuse(TooLarge());
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length > MaxBytes) return Refuse(TooLarge());
        buffer.Position = 0;
        if (Expansion(buffer) is { } refusal) return refusal;
        buffer.Position = 0;
        List<IDictionary<string, object?>> rows;
        try
        {
            rows = (await buffer.QueryAsync(useHeaderRow: true, cancellationToken: ct)).Cast<IDictionary<string, object?>>().Take(form.MaxRows + 1).ToList();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Invalid("This is not a readable xlsx file.");
        }
        if (form.Columns.Count > 0)
        {
            if (rows.Count == 0) return Invalid($"The {form.Name} has no rows.");
            var missing = form.Columns.Where(c => !rows[0].ContainsKey(c)).ToList();
            if (missing.Count > 0) return Invalid($"Missing columns: {string.Join("、", missing)}.");
        }
        if (rows.Count > form.MaxRows && !form.CountedByCaller) return Invalid($"At most {form.MaxRows} rows.");
        return new XlsxRows(rows);
    }

    /// <summary>Refuses a file whose parts would inflate past the limits, before the reader expands them:
    /// first by what the zip declares (part count, sizes), then by expanding each part into nothing,
    /// counting, since a crafted zip may declare less than it holds.</summary>
    static XlsxRows? Expansion(Stream file)
    {
        try
        {
            using var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > MaxParts) return Refuse(Explodes());
            // Each part first, so that the sum of crafted sizes cannot overflow.
            if (zip.Entries.Any(e => e.Length > MaxExpandedBytes) || zip.Entries.Sum(e => e.Length) > MaxExpandedBytes) return Refuse(Explodes());
            if (zip.Entries.Any(e => IsSharedStrings(e) && e.Length > MaxSharedStringBytes)) return Refuse(Explodes());
            var scratch = new byte[81920];
            long expanded = 0;
            foreach (var entry in zip.Entries)
            {
                using var part = entry.Open();
                long read = 0;
                for (int n; (n = part.Read(scratch)) > 0;)
                {
                    read += n;
                    expanded += n;
                    if (read > entry.Length || expanded > MaxExpandedBytes) return Refuse(Explodes());
                }
            }
            return null;
        }
        catch (InvalidDataException)
        {
            return Invalid("This is not a readable xlsx file.");
        }
    }

    static bool IsSharedStrings(ZipArchiveEntry entry) => entry.FullName.EndsWith("sharedStrings.xml", StringComparison.OrdinalIgnoreCase);

    static ProblemHttpResult Explodes() =>
        TypedResults.Problem(title: "The file expands past what a form may hold.",
            detail: $"At most {MaxParts} parts and {MaxExpandedBytes / 1024 / 1024} MB once expanded.", statusCode: StatusCodes.Status413PayloadTooLarge);

    static ProblemHttpResult TooLarge() =>
        TypedResults.Problem(title: "The file is too large.", detail: $"At most {MaxBytes / 1024 / 1024} MB.", statusCode: StatusCodes.Status413PayloadTooLarge);

    static XlsxRows Refuse(ProblemHttpResult problem) => new([], Refused: problem);

    static XlsxRows Invalid(string error) => new([], Invalid: TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [error] }));
}
