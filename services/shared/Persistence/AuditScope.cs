namespace Persistence;

/// <summary>What a change was made through when no request of a signed-in caller made it: a consumed
/// message (its type and id, or the ids of a group committed together) or a sweep. Set by the messaging
/// layer and the sweeps around the work that saves; read by the audit trail. An async-local value, so
/// it holds for the flow that sets it and never leaks into another message's or request's.</summary>
public static class AuditScope
{
    internal sealed record Origin(string Via, string[]? Messages);

    static readonly AsyncLocal<Origin?> Current = new();

    internal static Origin? Now => Current.Value;

    /// <summary>Changes saved until the returned scope is disposed were made by <paramref name="messageType"/>
    /// messages with these ids.</summary>
    public static Scope Consuming(string messageType, IEnumerable<Guid> messageIds) =>
        Begin(new Origin($"consume {messageType}", [.. messageIds.Select(id => id.ToString())]));

    /// <summary>Changes saved until the returned scope is disposed were made by the sweep at <paramref name="route"/>.</summary>
    public static Scope Sweeping(string route) => Begin(new Origin($"sweep {route}", null));

    static Scope Begin(Origin origin)
    {
        var before = Current.Value;
        Current.Value = origin;
        return new Scope(before);
    }

    public readonly struct Scope : IDisposable
    {
        readonly Origin? _before;
        internal Scope(Origin? before) => _before = before;
        public void Dispose() => Current.Value = _before;
    }
}
