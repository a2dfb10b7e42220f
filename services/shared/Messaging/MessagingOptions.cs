using System.ComponentModel.DataAnnotations;
using ServiceDefaults;

namespace Messaging;

/// <summary>How consumers take messages from the broker (<c>Messaging</c>; the outbox and the inbox have
/// their own settings below it).</summary>
public sealed class MessagingOptions : ISettings
{
    public static string Section => "Messaging";

    /// <summary>Messages a consumer's queue hands out before any is acknowledged.</summary>
    [Range(1, ushort.MaxValue)]
    public int PrefetchCount { get; set; } = 32;
}
