using System.Net;
using System.Text.Json;
using Filing.Contracts;
using TestInfrastructure;
using Xunit;

namespace Supervision.Tests;

/// <summary>The confidentiality matrix, through the real HTTP surface on real PostgreSQL: for every
/// case view and list, each role and each other agency or enterprise sees exactly what it may. The
/// accused agency and the responsible unit never learn who submitted unless the submitter consented.</summary>
public sealed class Who_sees_what(Who_sees_what.ThreeCases cases) : IClassFixture<Who_sees_what.ThreeCases>
{
    /// <summary>A protected card against YJ about one of its filings, assigned to SJ; a card against YJ
    /// whose submitter consented to be named; a case the system opened on ZF's late written filing.</summary>
    public sealed class ThreeCases : IAsyncLifetime
    {
        public SupervisionHost Host { get; } = new();
        public Guid Protected { get; private set; }
        public Guid Consented { get; private set; }
        public Guid System { get; private set; }

        public async Task InitializeAsync()
        {
            await Host.InitializeAsync();
            await Host.InspectAsync("BA2026-YJ-00007", SupervisionHost.E1, ["YJ"], SupervisionHost.At("2026-11-25T10:00"));
            await Eventually.Until(() => Sql.CountAsync(Host.Database, "inspections"), n => n == 1, "the filing is known");
            Protected = (await Host.SubmitCardAsync(SupervisionHost.E1, new { type = "RudeConduct", filingNo = "BA2026-YJ-00007", description = "检查人员态度粗暴，当众训斥员工" })).GetProperty("id").GetGuid();
            Consented = (await Host.SubmitCardAsync(SupervisionHost.E2, new { type = "Misconduct", agencyCode = "YJ", description = "要求企业购买指定厂家的防护用品", consentToDisclose = true })).GetProperty("id").GetGuid();
            await Host.Bus.Publish(new BackfillOverdue("JJ2026-ZF-0001", "ZF", SupervisionHost.E3, new DateOnly(2026, 11, 27), SupervisionHost.At("2026-11-28T00:30")));
            await Eventually.Until(() => Sql.CountAsync(Host.Database, "cases"), n => n == 3, "the overdue backfill opened a case");
            System = Guid.Parse(await Sql.ScalarAsync<string>(Host.Database, "SELECT id::text FROM cases WHERE card_id = (SELECT id FROM cards WHERE source = 'BackfillOverdue')"));
            await Host.AssignAsync(Protected, "SJ", "2026-12-20");
        }

        public Task DisposeAsync() => Host.DisposeAsync();
    }

    readonly SupervisionHost _host = cases.Host;
    readonly Guid _protected = cases.Protected, _consented = cases.Consented, _system = cases.System;

    public static TheoryData<string, string, bool, bool, bool> Readers => new()
    {
        // reader, token kind, sees the protected case, sees who submitted it, sees retaliation flags
        { "office", "office", true, true, true },
        { "task force", "discipline", true, true, true },
        { "county leader", "leader", true, false, false },
        { "accused agency YJ", "agency:YJ", true, false, false },
        { "responsible unit SJ", "agency:SJ", true, false, false },
        { "uninvolved agency XF", "agency:XF", false, false, false },
        { "the submitter", "enterprise:" + SupervisionHost.E1, true, true, false },
        { "another enterprise", "enterprise:" + SupervisionHost.E2, false, false, false },
    };

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task Each_reader_sees_the_protected_case_exactly_as_it_may(string reader, string kind, bool seesCase, bool seesSubmitter, bool seesFlags)
    {
        var (status, text) = await _host.GetAsync($"/api/supervision/cases/{_protected}", TestIdentity.For(kind));
        if (!seesCase)
        {
            Assert.True(status == HttpStatusCode.NotFound, $"{reader}: {status}");
            Assert.DoesNotContain(SupervisionHost.E1, text);
            return;
        }
        Assert.True(status == HttpStatusCode.OK, $"{reader}: {status}");
        var view = JsonDocument.Parse(text).RootElement;
        // The submitter's own words reach the officials only as the office forwarded them.
        Assert.Equal(seesSubmitter ? "检查人员态度粗暴，当众训斥员工" : null, view.GetProperty("description").GetString());
        Assert.Equal(kind.StartsWith("enterprise:", StringComparison.Ordinal) ? null : SupervisionHost.Forwarded, view.GetProperty("forwardedSummary").GetString());
        Assert.Equal(seesSubmitter, text.Contains(SupervisionHost.E1));
        Assert.Equal(seesSubmitter, text.Contains(SupervisionHost.E1Name));
        // The filing number would name the enterprise to the agency that made it.
        Assert.Equal(seesSubmitter, text.Contains("BA2026-YJ-00007"));
        Assert.Equal(!seesSubmitter, view.GetProperty("submitterProtected").GetBoolean());
        Assert.Equal(seesFlags, view.GetProperty("retaliationFlags").ValueKind == JsonValueKind.Array);
        Assert.Equal("YJ", view.GetProperty("agencyCode").GetString());
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task Each_reader_lists_exactly_the_cases_it_may_see(string reader, string kind, bool seesCase, bool seesSubmitter, bool seesFlags)
    {
        _ = (seesCase, seesSubmitter, seesFlags);
        var expected = kind switch
        {
            "office" or "discipline" or "leader" => new[] { _protected, _consented, _system },
            "agency:YJ" => [_protected, _consented],
            "agency:SJ" => [_protected],
            "enterprise:" + SupervisionHost.E1 => [_protected],
            "enterprise:" + SupervisionHost.E2 => [_consented],
            _ => [],
        };
        var (status, text) = await _host.GetAsync("/api/supervision/cases", TestIdentity.For(kind));
        Assert.True(status == HttpStatusCode.OK, $"{reader}: {status}");
        var ids = JsonDocument.Parse(text).RootElement.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToHashSet();
        Assert.True(ids.SetEquals(expected), $"{reader} sees {ids.Count} cases");
        // Nobody but the office, the task force and the submitter itself reads the protected submitter in a list.
        Assert.Equal(kind is "office" or "discipline" || kind == "enterprise:" + SupervisionHost.E1, text.Contains(SupervisionHost.E1));
        // The consenting submitter is named to the officials who see its case.
        Assert.Equal(ids.Contains(_consented), text.Contains(SupervisionHost.E2));
    }

    [Fact]
    public async Task Cards_retaliation_flags_and_anonymous_callers_are_kept_to_their_readers()
    {
        var (mine, cards) = await _host.GetAsync("/api/supervision/cards", TestIdentity.Enterprise(SupervisionHost.E1));
        Assert.Equal(HttpStatusCode.OK, mine);
        Assert.Equal([_protected], JsonDocument.Parse(cards).RootElement.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.GetAsync("/api/supervision/cards", TestIdentity.Agency("YJ"))).Status);
        Assert.Equal(HttpStatusCode.OK, (await _host.GetAsync("/api/supervision/retaliation-flags", TestIdentity.Discipline())).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.GetAsync("/api/supervision/retaliation-flags", TestIdentity.Agency("YJ"))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.GetAsync("/api/supervision/retaliation-flags", TestIdentity.Enterprise(SupervisionHost.E1))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.GetAsync("/api/supervision/cases", null)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.GetAsync($"/api/supervision/cases/{_protected}", null)).Status);
        // The system's own case (a late written filing) carries no number to officials: the emergency's would name the enterprise.
        var (_, system) = await _host.GetAsync($"/api/supervision/cases/{_system}", TestIdentity.Agency("ZF"));
        var view = JsonDocument.Parse(system).RootElement;
        Assert.Equal(("BackfillOverdue", null), (view.GetProperty("source").GetString(), view.GetProperty("provisionalNo").GetString()));
        Assert.DoesNotContain("JJ2026-ZF-0001", system);
        Assert.DoesNotContain(SupervisionHost.E3, system);
        Assert.False(view.GetProperty("submitterProtected").GetBoolean());
        var (_, office) = await _host.GetAsync($"/api/supervision/cases/{_system}", TestIdentity.Office());
        Assert.Equal("JJ2026-ZF-0001", JsonDocument.Parse(office).RootElement.GetProperty("provisionalNo").GetString());
    }
}
