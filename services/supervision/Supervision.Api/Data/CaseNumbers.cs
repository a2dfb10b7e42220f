namespace Supervision.Api.Data;

/// <summary>The last case number given in a year: case numbers restart each year (JD2027-0001), like
/// filing numbers, and are consecutive, handed out under the row's lock so that two cards submitted
/// at once never compute the same number.</summary>
public sealed class CaseNumber
{
    public int Year { get; init; }
    public int LastNumber { get; set; }
}

public static class CaseNumbering
{
    /// <summary>The year's next case number. Call it inside the transaction that stores the case: a
    /// rolled-back card gives its number back.</summary>
    public static async Task<int> NextCaseNumberAsync(this SupervisionDb db, int year, CancellationToken ct) =>
        (await db.Database.SqlQuery<int>($"""
            INSERT INTO case_numbers (year, last_number) VALUES ({year}, 1)
            ON CONFLICT (year) DO UPDATE SET last_number = case_numbers.last_number + 1
            RETURNING last_number AS "Value"
            """).ToListAsync(ct)).Single();

    /// <summary>JD, the year, and the number with at least four digits.</summary>
    public static string Format(int year, int number) => $"JD{year}-{number:D4}";
}
