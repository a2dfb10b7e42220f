namespace TestInfrastructure;

/// <summary>A filing is made before its window starts, and the inspection is started inside it. Services
/// run as processes keep the machine's clock, which a test cannot move: a test files for a window hours
/// ahead (however slow the machine, the filing arrives before it starts), then opens the window by moving
/// its start back in the filing database, instead of filing seconds ahead and sleeping until then.</summary>
public static class FiledWindows
{
    public static async Task OpenAsync(string filingDatabase, params string[] filingNos)
    {
        var opened = await Sql.ScalarAsync<long>(filingDatabase, """
            WITH opened AS (UPDATE filings SET window_start = now() - interval '1 minute' WHERE filing_no = ANY($1) RETURNING 1)
            SELECT count(*) FROM opened
            """, (object)filingNos);
        if (opened != filingNos.Length) throw new InvalidOperationException($"Only {opened} of the {filingNos.Length} filings were found to open.");
    }
}
