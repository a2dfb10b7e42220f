namespace Planning.Contracts;

/// <summary>A service asked planning to publish its reference data again: the registry's agencies and enterprises,
/// the catalog of matters, the working calendar and the published plans, each as the state-carrying
/// event that announced it (<see cref="AgencyChanged"/>, <see cref="EnterpriseRegistered"/>, <see cref="EnterpriseChanged"/>,
/// <see cref="MatterCatalogChanged"/>, <see cref="WorkingCalendarChanged"/>, <see cref="PlanPublished"/>,
/// <see cref="JointInspectionScheduled"/>). A service asks as it starts, once its queues are bound, so
/// that news published before a queue existed (a first deploy in any order, a consumer added in a later
/// release) reaches it; consumers keep the newest revision, so what they already hold is left as it is.</summary>
public sealed record ReferenceDataRequested(string Requester, DateTimeOffset RequestedAt)
{
    public int Version { get; init; } = 1;
}
