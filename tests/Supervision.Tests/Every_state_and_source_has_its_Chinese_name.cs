using Supervision.Api.Features.Cases;
using Supervision.Contracts;
using Supervision.Domain;
using Xunit;

namespace Supervision.Tests;

/// <summary>The case ledger and the case file name every state, card type and source in Chinese: a value
/// added to the workflow or the contracts without its name would fail every export and every case file
/// that meets it.</summary>
public sealed class Every_state_and_source_has_its_Chinese_name
{
    [Fact]
    public void The_ledger_names_every_state_type_and_source()
    {
        Assert.All(Enum.GetValues<CaseState>(), s => Assert.True(CaseLedger.States.ContainsKey(s), $"state {s}"));
        Assert.All(Enum.GetValues<CardType>(), t => Assert.True(CaseLedger.Types.ContainsKey(t), $"type {t}"));
        Assert.All(Enum.GetValues<CardSource>(), s => Assert.True(CaseLedger.Sources.ContainsKey(s), $"source {s}"));
    }
}
