namespace Planning.Api.Features.Seeding;

/// <summary>A demo industrial park for <c>./run.sh</c> (<c>Seed:DemoPark=true</c>): sixty
/// enterprises with valid credit codes, a catalog of 119 matters of which about a third are
/// mergeable, and the agencies' declarations for December 2026 (period 2026-Q4), with the
/// overlaps across agencies and mandate levels that consolidation exists to remove. Everything
/// goes through the same outbox as real data, so every service's read model fills as it would in
/// production. Seeds only an empty registry.</summary>
sealed class DemoPark(IServiceScopeFactory scopes, TimeProvider clock, IOptions<SeedOptions> seed, ILogger<DemoPark> logger) : IHostedService
{
    static readonly string[] Brands = ["华东", "恒信", "宏达", "瑞丰", "金石", "新源", "永安", "博远", "中汇", "天合", "嘉禾", "润泽"];
    static readonly (string Zone, string Industry, string Suffix, RiskLevel Risk)[] Kinds =
    [
        ("化工园区A区", "化工", "精细化工有限公司", RiskLevel.High),
        ("装备制造区", "机械制造", "机械制造有限公司", RiskLevel.Medium),
        ("新材料产业区", "新材料", "新材料科技有限公司", RiskLevel.Medium),
        ("食品加工区", "食品", "食品有限公司", RiskLevel.Medium),
        ("物流仓储区", "物流", "仓储物流有限公司", RiskLevel.Low),
    ];

    // Seeded as the service starts: a database short of connections for a moment is waited for.
    public Task StartAsync(CancellationToken cancellationToken) => StartupRetry.RunAsync(SeedAsync, logger, "Demo park", cancellationToken);

    async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (!seed.Value.DemoPark) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlanningDb>();
        // Each part is seeded only where it is missing, so an older demo database catches up.
        var now = clock.GetUtcNow();
        var enterprises = Enterprises(now).ToList();
        // Rosters first: filing checks every filing's inspectors against them, so they are published
        // before the enterprises and matters that a demo filing also needs.
        foreach (var agency in (await db.Agencies.ToListAsync(cancellationToken)).Where(a => a.Inspectors.Count == 0))
        {
            agency.Inspectors = DemoCatalog.Roster(agency.Code, now);
            db.EnqueueEvent(agency.Changed(now), clock);
        }
        if (!await db.Enterprises.AnyAsync(cancellationToken))
        {
            foreach (var enterprise in enterprises)
            {
                db.Enterprises.Add(enterprise);
                db.EnqueueEvent(new EnterpriseRegistered(enterprise.CreditCode, enterprise.Name, enterprise.Zone, enterprise.Industry,
                    enterprise.RiskLevel, enterprise.QuietPeriods, now), clock);
            }
        }
        else logger.LogInformation("Demo enterprises skipped: the registry has enterprises");
        var matters = DemoCatalog.Matters(now).ToList();
        if (!await db.Matters.AnyAsync(cancellationToken))
        {
            foreach (var matter in matters)
            {
                db.Matters.Add(matter);
                db.EnqueueEvent(Registry.Matters.Event(matter), clock);
            }
        }
        else logger.LogInformation("Demo catalog skipped: the catalog has matters");
        if (!await db.Declarations.AnyAsync(cancellationToken))
            db.Declarations.AddRange(DemoCatalog.Declarations(matters, enterprises.Select(e => e.CreditCode).ToList(), now));
        else logger.LogInformation("Demo declarations skipped: declarations exist");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Seeded the demo park's registry");
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another replica starting at the same moment seeded it first.
            logger.LogInformation("Demo park skipped: another replica seeded it first ({Reason})", e.InnerException?.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    static IEnumerable<Enterprise> Enterprises(DateTimeOffset now)
    {
        for (var i = 0; i < 60; i++)
        {
            var kind = Kinds[i % Kinds.Length];
            // 91 = enterprise registered by market regulation; 330183 = the county's division code.
            var first17 = $"91330183MA2{i + 100001:D6}";
            yield return new Enterprise
            {
                CreditCode = first17 + CreditCode.CheckCharacter(first17),
                Name = $"{Brands[i / Kinds.Length % Brands.Length]}{kind.Suffix}",
                Zone = kind.Zone,
                Industry = kind.Industry,
                RiskLevel = kind.Risk,
                QuietPeriods = kind.Industry == "化工" && i % 2 == 0
                    ? [new QuietPeriod(new DateOnly(2026, 12, 21), new DateOnly(2026, 12, 25), "年度停产检修")]
                    : [],
                RegisteredAt = now,
                RegisteredBy = "demo-seed",
            };
        }
    }
}
