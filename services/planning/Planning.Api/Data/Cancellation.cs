namespace Planning.Api.Data;

/// <summary>不必要事项取消: the office cancelled one declared item (a declaration's matter at one
/// enterprise) as unnecessary, with its reason. The item stays declared and counted; it is never planned.</summary>
public sealed class Cancellation
{
    public Guid Id { get; init; }
    public required string Period { get; init; }
    public required string DeclarationId { get; init; }
    public required string AgencyCode { get; init; }
    public required string MatterCode { get; init; }
    public required string CreditCode { get; init; }
    public required string Reason { get; init; }
    public DateTimeOffset CancelledAt { get; init; }
    public required string CancelledBy { get; init; }
}
