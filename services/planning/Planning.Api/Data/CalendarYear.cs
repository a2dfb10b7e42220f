namespace Planning.Api.Data;

/// <summary>A year's statutory holidays and make-up workdays, as the State Council announced them.</summary>
public sealed class CalendarYear
{
    public int Year { get; init; }
    public int Version { get; set; }
    public List<DateOnly> Holidays { get; set; } = [];
    public List<DateOnly> MakeUpWorkdays { get; set; } = [];
    public DateTimeOffset ChangedAt { get; set; }
    public required string ChangedBy { get; set; }
}
