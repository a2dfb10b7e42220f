using System.Globalization;
using Gateway.Proxy;
using k8s.Models;
using ServiceDefaults;
using Xunit;

namespace Deployment.Tests;

/// <summary>A rolling update answers no request with an error: each pod, once told to stop, drains
/// (<see cref="Draining"/>: not ready, still serving) long enough for the gateway to take it out, and
/// Kubernetes waits for the drain and for what is under way before it kills the pod. The durations are
/// read from the code's defaults and what the overlay sets, not written here.</summary>
public sealed class Rolling_updates_wait_for_the_drain
{
    /// <summary>After the host's shutdown budget the process still disposes and exits.</summary>
    const int RoomToExit = 10;
    /// <summary>YARP's ConsecutiveFailures policy takes a destination out at its second failed probe in a row.</summary>
    const int FailedProbesToTakeOut = 2;

    public static TheoryData<string> Overlays => Manifests_hold_together.Overlays;

    [Theory]
    [MemberData(nameof(Overlays))]
    public void The_grace_period_covers_any_pre_stop_hook_the_drain_and_what_is_under_way(string overlay)
    {
        var r = Manifests_hold_together.Render(overlay);
        foreach (var name in Manifests_hold_together.Deployables)
        {
            var pod = Manifests_hold_together.Deployment(r, name).Spec.Template.Spec;
            var shutdown = ShutdownOf(r, name);
            var preStop = PreStopSeconds(pod.Containers[0].Lifecycle?.PreStop);
            var needed = preStop + shutdown.DrainSeconds + shutdown.InFlightSeconds + RoomToExit;
            // Kubernetes' default is 30 s: unset is not enough.
            Assert.True(pod.TerminationGracePeriodSeconds >= needed,
                $"{overlay}/{name}: terminationGracePeriodSeconds {pod.TerminationGracePeriodSeconds?.ToString(CultureInfo.InvariantCulture) ?? "unset (30)"} "
                + $"< preStop {preStop} + drain {shutdown.DrainSeconds} + in flight {shutdown.InFlightSeconds} + {RoomToExit} s to exit");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_service_drains_until_the_gateways_probes_have_taken_it_out(string overlay)
    {
        var r = Manifests_hold_together.Render(overlay);
        var gateway = new ApiProxyOptions();
        if (Every_deployable_gets_the_settings_it_requires.ConfigurationOf(r, "gateway").TryGetValue(Settings.Key<ApiProxyOptions>(nameof(ApiProxyOptions.ProbeIntervalSeconds)), out var interval))
            gateway.ProbeIntervalSeconds = int.Parse(interval, CultureInfo.InvariantCulture);
        foreach (var name in Manifests_hold_together.Services)
        {
            var drain = ShutdownOf(r, name).DrainSeconds;
            Assert.True(drain >= FailedProbesToTakeOut * gateway.ProbeIntervalSeconds,
                $"{overlay}/{name}: a drain of {drain} s ends before {FailedProbesToTakeOut} probes {gateway.ProbeIntervalSeconds} s apart take it out");
        }
    }

    static ShutdownOptions ShutdownOf(Rendered r, string name)
    {
        var settings = Every_deployable_gets_the_settings_it_requires.ConfigurationOf(r, name);
        var shutdown = new ShutdownOptions();
        if (settings.TryGetValue(Settings.Key<ShutdownOptions>(nameof(ShutdownOptions.DrainSeconds)), out var drain))
            shutdown.DrainSeconds = int.Parse(drain, CultureInfo.InvariantCulture);
        if (settings.TryGetValue(Settings.Key<ShutdownOptions>(nameof(ShutdownOptions.InFlightSeconds)), out var inFlight))
            shutdown.InFlightSeconds = int.Parse(inFlight, CultureInfo.InvariantCulture);
        return shutdown;
    }

    /// <summary>How long a preStop hook holds the SIGTERM back: Kubernetes' sleep action, or an exec of
    /// <c>sleep N</c>; any other hook cannot be bounded here and is refused.</summary>
    static long PreStopSeconds(V1LifecycleHandler? preStop) => preStop switch
    {
        null => 0,
        { Sleep: { } sleep } => sleep.Seconds,
        { Exec.Command: ["sleep", var seconds] } => long.Parse(seconds, CultureInfo.InvariantCulture),
        _ => throw new Xunit.Sdk.XunitException("A preStop hook other than a sleep: its duration cannot be checked against the grace period."),
    };
}
