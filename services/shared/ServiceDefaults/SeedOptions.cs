namespace ServiceDefaults;

/// <summary>Demo data (<c>Seed</c>): <see cref="DemoPark"/> seeds the demo park, its tolerance list and
/// its accounts, for <c>./run.sh</c> and a development cluster. Off by default: nothing in production
/// has a known password.</summary>
public sealed class SeedOptions : ISettings
{
    public static string Section => "Seed";

    public bool DemoPark { get; set; }
}
