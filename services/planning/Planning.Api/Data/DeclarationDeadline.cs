namespace Planning.Api.Data;

/// <summary>The last day (China time) on which agencies may declare for a period, set by the office.
/// After it, new declarations wait for the published plan and go into a supplementary plan.</summary>
public sealed class DeclarationDeadline
{
    public required string Period { get; init; }
    public DateOnly LastDay { get; set; }
    public DateTimeOffset SetAt { get; set; }
    public required string SetBy { get; set; }
}
