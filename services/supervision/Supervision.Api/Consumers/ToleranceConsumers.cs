using MassTransit;
using ReadModels;
using Supervision.Api.Features.Retaliation;
using Tolerance.Contracts;

namespace Supervision.Api.Consumers;

/// <summary>Decisions decide the stratum a rating falls in, count in the indicators, and penalties are
/// watched for retaliation.</summary>
public sealed class ToleranceDecisionIssuedConsumer(SupervisionDb db, TimeProvider clock, RetaliationWatch watch, ILogger<ToleranceDecisionIssuedConsumer> logger)
    : IdempotentConsumer<ToleranceDecisionIssued, SupervisionDb>(db, clock, logger)
{
    protected override async Task Handle(ToleranceDecisionIssued m, ConsumeContext<ToleranceDecisionIssued> context, CancellationToken ct)
    {
        ServiceDefaults.Telemetry.TagInspection(null, m.FilingNo);
        if (await Db.Decisions.FindAsync([m.DecisionId], ct) is not null) return;
        var penalty = DecisionView.IsPenalty(m.Kind, m.Outcome);
        Db.Decisions.Add(new DecisionView
        {
            DecisionId = m.DecisionId, FilingNo = m.FilingNo, CreditCode = m.CreditCode, AgencyCode = m.AgencyCode, Kind = m.Kind, Outcome = m.Outcome,
            Penalty = penalty, DecidedAt = m.DecidedAt,
        });
        if (penalty) await watch.CheckAsync([m.AgencyCode], m.CreditCode, RetaliationTrigger.Penalty, m.DecisionId.ToString(), false, m.DecidedAt, ct);
    }
}

/// <summary>A revoked conditional decision means the penalty applies after all.</summary>
public sealed class ToleranceDecisionRevokedConsumer(SupervisionDb db, TimeProvider clock, ILogger<ToleranceDecisionRevokedConsumer> logger)
    : IdempotentConsumer<ToleranceDecisionRevoked, SupervisionDb>(db, clock, logger)
{
    protected override async Task Handle(ToleranceDecisionRevoked m, ConsumeContext<ToleranceDecisionRevoked> context, CancellationToken ct)
    {
        var view = await Db.Decisions.FindOrAddAsync(m.DecisionId, () => new DecisionView
        {
            DecisionId = m.DecisionId, FilingNo = m.FilingNo, CreditCode = m.CreditCode, AgencyCode = m.AgencyCode, Kind = DecisionKind.ConditionallyTolerated, DecidedAt = m.RevokedAt,
        }, ct);
        view.RevokedAt = m.RevokedAt;
        view.Penalty = true;
    }
}

/// <summary>A decision set aside by a corrected finding stops counting: it is no longer a penalty, leaves the
/// indicators, and a retaliation flag raised on it shows the task force it was superseded (the flag stays:
/// the decision was made). The decision that replaces it arrives as issued in its turn.</summary>
public sealed class ToleranceDecisionSupersededConsumer(SupervisionDb db, TimeProvider clock, ILogger<ToleranceDecisionSupersededConsumer> logger)
    : IdempotentConsumer<ToleranceDecisionSuperseded, SupervisionDb>(db, clock, logger)
{
    protected override async Task Handle(ToleranceDecisionSuperseded m, ConsumeContext<ToleranceDecisionSuperseded> context, CancellationToken ct)
    {
        ServiceDefaults.Telemetry.TagInspection(null, m.FilingNo);
        // Arriving before the issue it supersedes, the view is made here and the issue then finds it and adds nothing.
        var view = await Db.Decisions.FindOrAddAsync(m.DecisionId, () => new DecisionView
        {
            DecisionId = m.DecisionId, FilingNo = m.FilingNo, CreditCode = m.CreditCode, AgencyCode = m.AgencyCode, DecidedAt = m.SupersededAt,
        }, ct);
        view.SupersededAt = m.SupersededAt;
        view.Penalty = false;
        var reference = m.DecisionId.ToString();
        foreach (var flag in await Db.RetaliationFlags.Where(f => f.Trigger == RetaliationTrigger.Penalty && f.Reference == reference).ToListAsync(ct))
            flag.DecisionSupersededAt = m.SupersededAt;
    }
}
