using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MiniExcelLibs;
using TestInfrastructure;
using Xunit;

namespace Planning.Tests;

/// <summary>An xlsx is a zip, and a few megabytes of zip can expand to gigabytes. An upload whose parts
/// would inflate past what a form may hold is refused before the reader expands it, with problem
/// details, and nothing is declared.</summary>
public sealed class Spreadsheets_that_would_explode(PlanningHost host) : IClassFixture<PlanningHost>
{
    public static TheoryData<string> Bombs => new() { "a part of 300 MB of zeros", "10,000 parts", "30 MB of shared strings", "a part that holds more than it declares" };

    [Theory]
    [MemberData(nameof(Bombs))]
    public async Task An_upload_that_would_inflate_past_the_limits_is_refused_and_nothing_is_declared(string bomb)
    {
        var before = await Sql.CountAsync(host.Database, "plan_declarations");
        var file = bomb switch
        {
            "a part of 300 MB of zeros" => Form(zip => Zeros(zip, "xl/media/image1.bin", 300L * 1024 * 1024)),
            "10,000 parts" => Form(zip => { for (var i = 0; i < 10_000; i++) zip.CreateEntry($"xl/media/part{i}.bin"); }),
            "30 MB of shared strings" => Form(zip => Zeros(zip, "xl/sharedStrings.xml", 30L * 1024 * 1024), replacing: "xl/sharedStrings.xml"),
            // The sheet itself declares a thousand bytes and holds 200 MB: it is never expanded past what it declares.
            _ => Lying(Form(zip => Zeros(zip, "xl/worksheets/sheet1.xml", 200L * 1024 * 1024), replacing: "xl/worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml", declared: 1000),
        };
        Assert.True(file.Length < 5 * 1024 * 1024, $"the bomb is {file.Length} bytes: it must pass the upload size limit to test the expansion");

        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/planning/declarations/import") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestIdentity.Agency("YJ"));
        using var response = await host.Client.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        // A part is read no further than its declared size: the lying sheet is cut short and unreadable.
        if (bomb.Contains("declares")) Assert.True(response.StatusCode is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {text}");
        else Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await Sql.CountAsync(host.Database, "plan_declarations"));
    }

    /// <summary>A real declaration form with one good row, with <paramref name="add"/> put into its zip.</summary>
    byte[] Form(Action<ZipArchive> add, string? replacing = null)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(new[] { new Dictionary<string, object>
        {
            ["申报期间"] = "2026-Q4", ["检查事项编码"] = "YJ-T1", ["统一社会信用代码"] = host.Enterprises[0], ["开始日期"] = "2026-12-01", ["结束日期"] = "2026-12-10",
            ["任务来源"] = "县", ["检查类别"] = "日常检查", ["检查方式"] = "现场检查", ["配合单位"] = "",
        } });
        // Copied into a new zip (written as it goes: an updated zip would hold every new part in memory).
        using var original = new ZipArchive(new MemoryStream(stream.ToArray()), ZipArchiveMode.Read);
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in original.Entries.Where(e => e.FullName != replacing))
            {
                using var from = entry.Open();
                using var to = zip.CreateEntry(entry.FullName).Open();
                from.CopyTo(to);
            }
            add(zip);
        }
        return output.ToArray();
    }

    static void Zeros(ZipArchive zip, string name, long bytes)
    {
        using var part = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
        var chunk = new byte[1024 * 1024];
        for (long written = 0; written < bytes; written += chunk.Length) part.Write(chunk);
    }

    /// <summary>The zip with <paramref name="name"/>'s uncompressed size rewritten to <paramref name="declared"/>
    /// in its local header and in the central directory, as a crafted bomb would declare it.</summary>
    static byte[] Lying(byte[] zip, string name, uint declared)
    {
        var encoded = Encoding.UTF8.GetBytes(name);
        var patched = 0;
        for (var i = 0; i + 46 < zip.Length; i++)
        {
            var signature = BitConverter.ToUInt32(zip, i);
            var (nameAt, lengthAt, sizeAt) = signature switch
            {
                0x04034b50 => (30, 26, 22),   // local file header
                0x02014b50 => (46, 28, 24),   // central directory record
                _ => (0, 0, 0),
            };
            if (nameAt == 0 || BitConverter.ToUInt16(zip, i + lengthAt) != encoded.Length) continue;
            if (!zip.AsSpan(i + nameAt, encoded.Length).SequenceEqual(encoded)) continue;
            BitConverter.TryWriteBytes(zip.AsSpan(i + sizeAt, 4), declared);
            patched++;
        }
        Assert.Equal(2, patched);
        return zip;
    }
}
