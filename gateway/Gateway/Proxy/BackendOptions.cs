using System.ComponentModel.DataAnnotations;

namespace Gateway.Proxy;

/// <summary>Where the services are, as the gateway itself reads YARP's configuration
/// (<c>ReverseProxy</c>, YARP's own schema) for its readiness and the API documents: every cluster a
/// route sends to must have a destination with an absolute address
/// (<c>ReverseProxy:Clusters:filing:Destinations:d1:Address</c>). No address is assumed: a missing
/// one stops the gateway at start instead of sending the platform's requests nowhere.</summary>
public sealed class BackendOptions : ISettings, IValidatableObject
{
    public static string Section => "ReverseProxy";

    public Dictionary<string, Route> Routes { get; set; } = [];
    public Dictionary<string, Cluster> Clusters { get; set; } = [];

    public sealed class Route
    {
        public string? ClusterId { get; set; }
    }

    public sealed class Cluster
    {
        public Dictionary<string, Destination> Destinations { get; set; } = [];
    }

    public sealed class Destination
    {
        public string? Address { get; set; }
    }

    /// <summary>The first destination of each cluster: where each service answers.</summary>
    public IEnumerable<(string Cluster, Uri Address)> Addresses() =>
        Clusters.Select(c => (c.Key, Address: c.Value.Destinations.Values.FirstOrDefault()?.Address))
            .Where(c => c.Address is not null)
            .Select(c => (c.Key, new Uri(c.Address!)));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var cluster in Routes.Values.Select(r => r.ClusterId).OfType<string>().Distinct().Order(StringComparer.Ordinal))
        {
            var destinations = Clusters.GetValueOrDefault(cluster)?.Destinations ?? [];
            var key = $"{Section}:Clusters:{cluster}:Destinations";
            if (destinations.Count == 0)
                yield return new ValidationResult($"{key}:d1:Address is required: where the {cluster} service answers (http://{cluster}:8080).");
            foreach (var (name, _) in destinations.Where(d => !HttpAddressAttribute.IsHttpAddress(d.Value.Address)))
                yield return new ValidationResult($"{key}:{name}:Address must be an absolute http or https address (http://{cluster}:8080).");
        }
    }
}
