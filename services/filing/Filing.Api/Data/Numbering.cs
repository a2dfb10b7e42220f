namespace Filing.Api.Data;

public static class Numbering
{
    /// <summary>The agency's next number of <paramref name="series"/> in <paramref name="year"/>, taken
    /// under the lock of its counter row: concurrent requests of one agency wait for each other's commit
    /// instead of computing the same number. Call it inside the transaction that stores the number.</summary>
    public static async Task<int> NextNumberAsync(this FilingDb db, string series, string agency, int year, CancellationToken ct) =>
        (await db.Database.SqlQuery<int>($"""
            INSERT INTO filing_numbers (series, agency_code, year, last_number) VALUES ({series}, {agency}, {year}, 1)
            ON CONFLICT (series, agency_code, year) DO UPDATE SET last_number = filing_numbers.last_number + 1
            RETURNING last_number AS "Value"
            """).ToListAsync(ct)).Single();
}
