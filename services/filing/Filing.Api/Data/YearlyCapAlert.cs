namespace Filing.Api.Data;

/// <summary>A filing accepted past a matter's yearly cap at an enterprise (超频次检查预警), for the office to look into.</summary>
public sealed class YearlyCapAlert
{
    public required string FilingNo { get; init; }
    public required string CreditCode { get; init; }
    public required string EnterpriseName { get; init; }
    public required string LeadAgency { get; init; }
    public List<string> MatterCodes { get; init; } = [];
    public int Year { get; init; }
    public DateTimeOffset RaisedAt { get; init; }
}
