using System.Net;
using MiniExcelLibs;
using Xunit;

namespace TestInfrastructure;

/// <summary>An exported spreadsheet as a clerk opens it: its first row's headers, and each row after it as
/// header → cell.</summary>
public static class Spreadsheets
{
    public static async Task<(IReadOnlyList<string> Headers, List<IDictionary<string, object?>> Rows)> SheetAsync(this HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = file.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();
        Assert.NotEmpty(rows);
        var columns = rows[0].Keys.ToList();
        var headers = columns.Select(c => Convert.ToString(rows[0][c])!).ToList();
        return (headers, rows.Skip(1).Select(r => (IDictionary<string, object?>)columns.Select((c, i) => (headers[i], r[c])).ToDictionary(p => p.Item1, p => p.Item2)).ToList());
    }

    /// <summary>A cell as text (as it shows it; empty for an empty cell).</summary>
    public static string Text(this IDictionary<string, object?> row, string header) => Convert.ToString(row[header], System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
