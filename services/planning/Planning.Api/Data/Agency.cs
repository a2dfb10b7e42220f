namespace Planning.Api.Data;

/// <summary>An enforcement agency (执法单位) of the county.</summary>
public sealed class Agency
{
    public required string Code { get; init; }
    public required string Name { get; set; }
    /// <summary>Inspection teams it can send out on one day: a consolidation limit.</summary>
    public int TeamsPerDay { get; set; } = 2;
    /// <summary>Visits it may make to one enterprise in a year: a consolidation limit.</summary>
    public int YearlyVisitCapPerEnterprise { get; set; } = 4;
    /// <summary>Inspectors with their enforcement certificates (执法证): the roster random draws pick from.</summary>
    public List<Planning.Domain.Inspector> Inspectors { get; set; } = [];
    public DateTimeOffset ChangedAt { get; set; }
    public required string ChangedBy { get; set; }
}
