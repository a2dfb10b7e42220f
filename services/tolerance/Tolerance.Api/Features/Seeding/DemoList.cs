namespace Tolerance.Api.Features.Seeding;

/// <summary>A published demo list for <c>./run.sh</c> (<c>Seed:DemoPark=true</c>): 51 items over the
/// demo park's matters (three per agency), in the shapes the county's lists use. Seeds only an
/// empty list.</summary>
sealed class DemoList(IServiceScopeFactory scopes, TimeProvider clock, IOptions<SeedOptions> seed, ILogger<DemoList> logger) : IHostedService
{
    static readonly string[] Agencies = ["YJ", "SJ", "ZF", "XF", "HB", "RS", "SW", "ZR", "JS", "JT", "WJ", "GA", "SL", "NY", "SF", "FG", "JX"];

    // Seeded as the service starts: a database short of connections for a moment is waited for.
    public Task StartAsync(CancellationToken cancellationToken) => StartupRetry.RunAsync(SeedAsync, logger, "Demo tolerance list", cancellationToken);

    async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (!seed.Value.DemoPark) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ToleranceDb>();
        if (await db.Lists.AnyAsync(cancellationToken))
        {
            logger.LogInformation("Demo tolerance list skipped: the list is not empty");
            return;
        }
        var from = new DateOnly(2026, 1, 1);
        var items = Agencies.SelectMany((agency, a) => new[]
        {
            new ToleranceItem($"{agency}-MF-01", "首次轻微违法且当场改正", $"{agency}-01", ToleranceOutcome.NoPenalty, ListSource.Provincial,
                "《浙江省轻微违法行为免罚清单》", 12, 2, RectificationRule.OnTheSpot, null, true, from, null),
            new ToleranceItem($"{agency}-BQ-02", "首次违法、限期改正的不予实施行政强制措施", $"{agency}-0{2 + a % 3}", ToleranceOutcome.NoCompulsoryMeasure, ListSource.Municipal,
                "《行政强制法》第十六条", 12, 3, RectificationRule.WithinDays, 15, true, from, null),
            new ToleranceItem($"{agency}-CQ-03", "主动消除或减轻危害后果的从轻处罚", $"{agency}-0{5 + a % 2}", a % 2 == 0 ? ToleranceOutcome.LighterPenalty : ToleranceOutcome.MitigatedPenalty,
                ListSource.County, "《行政处罚法》第三十二条", 24, 3, RectificationRule.WithinDays, 30, false, from, null),
        }).ToList();
        db.Lists.Add(new ToleranceListVersion
        {
            Version = 1, Status = ListStatus.Published, Items = items, ChangedAt = clock.GetUtcNow(), ChangedBy = "demo-seed", PublishedAt = clock.GetUtcNow(),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another replica starting at the same moment seeded it first.
            logger.LogInformation("Demo tolerance list skipped: another replica seeded it first ({Reason})", e.InnerException?.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
