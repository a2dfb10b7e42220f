namespace Planning.Api.Data;

/// <summary>A visit of a published plan that will not take place, and why. The plan keeps the visit;
/// this row says it is off.</summary>
public sealed class CancelledVisit
{
    public required string JointId { get; init; }
    public required string Period { get; init; }
    public required string CreditCode { get; init; }
    public DateOnly Day { get; init; }
    public required string Reason { get; init; }
    public DateTimeOffset CancelledAt { get; init; }
    public required string CancelledBy { get; init; }
}
