namespace ServiceDefaults;

/// <summary>Collects field errors at the edge so one answer names every offending field.</summary>
public sealed class Validation
{
    readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public Validation Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public Validation Require(bool condition, string field, string message)
    {
        if (!condition) Add(field, message);
        return this;
    }

    public IDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}
