using System.Diagnostics.Metrics;

namespace Supervision.Api.Features.Indicators;

/// <summary>The current quarter's indicators as metrics on the platform's meter (tagged with the
/// period), recomputed every <c>Supervision:IndicatorsEvery</c> (1 minute): gauges are read often and
/// must not query the database each time.</summary>
public sealed class IndicatorMetrics : BackgroundService
{
    readonly IServiceScopeFactory _scopes;
    readonly TimeProvider _clock;
    readonly TimeSpan _every;
    readonly int _ratingThreshold;
    readonly ILogger<IndicatorMetrics> _logger;
    volatile IndicatorsResponse? _latest;

    public IndicatorMetrics(IMeterFactory meters, IServiceScopeFactory scopes, TimeProvider clock, IOptions<SupervisionOptions> options, ILogger<IndicatorMetrics> logger)
    {
        (_scopes, _clock, _logger) = (scopes, clock, logger);
        _every = options.Value.IndicatorsEvery;
        _ratingThreshold = options.Value.RatingAnonymityThreshold;
        var meter = meters.Create(Telemetry.SourceName);
        Gauge(meter, "park.reform.reduction_rate", "精简率: 1 − planned visits ÷ declared visits", i => i.Plan.ReductionRate);
        Gauge(meter, "park.reform.solo_inspections", "单独执法次数: completed inspections by one agency alone", i => i.Inspections.Solo);
        Gauge(meter, "park.reform.solo_inspections_yoy", "year-on-year change of solo inspections", i => i.Inspections.SoloYearOnYearChange);
        Gauge(meter, "park.reform.filing_coverage", "inspections filed beforehand ÷ inspections that took place", i => i.Filing.Coverage);
        Gauge(meter, "park.reform.written_filings_on_time", "emergency written filings within 5 working days ÷ decided ones", i => i.Filing.OnTimeShare);
        Gauge(meter, "park.reform.cases_closed_on_time", "cases resolved by their deadline ÷ cases closed", i => i.Cases.ClosedOnTimeShare);
        Gauge(meter, "park.reform.tolerance_decisions", "tolerance decisions issued", i => i.Tolerance.Decisions);
    }

    void Gauge(Meter meter, string name, string description, Func<IndicatorsResponse, double?> value) =>
        meter.CreateObservableGauge(name, () => _latest is { } i && value(i) is { } v
            ? [new Measurement<double>(v, new KeyValuePair<string, object?>("period", i.Period))]
            : Array.Empty<Measurement<double>>(), description: description);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = _clock.GetUtcNow();
                var today = ChinaTime.Day(now);
                Period.TryParse($"{today.Year}-Q{(today.Month + 2) / 3}", out var period);
                await using var scope = _scopes.CreateAsyncScope();
                _latest = await ReformIndicators.ComputeAsync(scope.ServiceProvider.GetRequiredService<SupervisionDb>(), period.Code, period.From, period.To, now, _ratingThreshold, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                _logger.LogWarning(ex, "The reform indicators could not be computed; the gauges keep their last values");
            }
            await Task.Delay(_every, stoppingToken);
        }
    }
}
