using ReadModels;

namespace Supervision.Api.Data;

/// <summary>This service's copy of a registered enterprise keeps its leaving the park too: its cards
/// and cases stay as history, and no card about what happens from the day it left is taken.</summary>
public sealed class ParkEnterprise : EnterpriseView
{
    public DateOnly? LeftOn { get; set; }
    public string? LeftReason { get; set; }
}
