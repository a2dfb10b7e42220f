using Planning.Contracts;

namespace Filing.Api.Data;

/// <summary>A visit of a published plan, as planning announced it: what a filing refers to.</summary>
public sealed class ScheduledVisit
{
    public required string JointId { get; init; }
    public required string Period { get; set; }
    public required string CreditCode { get; set; }
    public required string EnterpriseName { get; set; }
    public DateOnly Day { get; set; }
    public DateOnly WindowFrom { get; set; }
    public DateOnly WindowTo { get; set; }
    public bool Solo { get; set; }
    public required string LeadAgency { get; set; }
    public List<ScheduledAgency> Agencies { get; set; } = [];
    public List<ScheduledMatter> Matters { get; set; } = [];
    /// <summary>Set when planning cancelled the visit (its enterprise left the park): it is no longer filed.</summary>
    public DateTimeOffset? CancelledAt { get; set; }
    public string? CancellationReason { get; set; }
}

/// <summary>A year's holidays and make-up workdays, as planning published them.</summary>
public sealed class CalendarYear
{
    public int Year { get; init; }
    public int Version { get; set; }
    public List<DateOnly> Holidays { get; set; } = [];
    public List<DateOnly> MakeUpWorkdays { get; set; } = [];
}

/// <summary>The latest version of an inspection matter this service was told of.</summary>
public sealed class MatterView
{
    public required string Code { get; init; }
    public int Version { get; set; }
    public required string AgencyCode { get; set; }
    public required string Name { get; set; }
    public bool Mergeable { get; set; }
    /// <summary>Inspections of this matter an enterprise may receive in a year.</summary>
    public int YearlyCapPerEnterprise { get; set; }
}
