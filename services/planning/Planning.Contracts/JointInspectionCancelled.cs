namespace Planning.Contracts;

/// <summary>A visit of a published plan will not take place (its enterprise left the park): whoever
/// holds it as scheduled drops it from what is planned, and keeps it as history.</summary>
public sealed record JointInspectionCancelled(
    string JointId,
    string Period,
    string CreditCode,
    DateOnly Day,
    string Reason,
    DateTimeOffset CancelledAt)
{
    public int Version { get; init; } = 1;
}
