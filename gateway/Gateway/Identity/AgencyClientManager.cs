using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using OpenIddict.EntityFrameworkCore.Models;

namespace Gateway.Identity;

/// <summary>OpenIddict's application manager, with a rotation's overlap: after a rotation an agency
/// system's previous secret (kept hashed, as OpenIddict keeps the current one) is still accepted until the
/// overlap ends by the gateway's clock, so the agency deploys the new secret without a gap.</summary>
public sealed class AgencyClientManager(
    IOpenIddictApplicationCache<OpenIddictEntityFrameworkCoreApplication> cache,
    ILogger<OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<OpenIddictEntityFrameworkCoreApplication> store,
    TimeProvider clock)
    : OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>(cache, logger, options, store)
{
    const string PreviousSecret = "previous_secret";
    const string PreviousSecretUntil = "previous_secret_until";

    public override async ValueTask<bool> ValidateClientSecretAsync(OpenIddictEntityFrameworkCoreApplication application, string secret, CancellationToken cancellationToken = default)
    {
        if (await base.ValidateClientSecretAsync(application, secret, cancellationToken)) return true;
        var (previous, until) = await PreviousAsync(application, cancellationToken);
        return previous is not null && until > clock.GetUtcNow() && await ValidateClientSecretAsync(secret, previous, cancellationToken);
    }

    /// <summary>Makes <paramref name="secret"/> the client's secret; the current one keeps working until
    /// <paramref name="previousUntil"/> (not at all when that is now).</summary>
    public async ValueTask RotateAsync(OpenIddictEntityFrameworkCoreApplication application, string secret, DateTimeOffset previousUntil, CancellationToken ct)
    {
        var current = await Store.GetClientSecretAsync(application, ct);
        var properties = (await Store.GetPropertiesAsync(application, ct))
            .SetItem(PreviousSecret, JsonSerializer.SerializeToElement(current))
            .SetItem(PreviousSecretUntil, JsonSerializer.SerializeToElement(previousUntil.ToString("O", CultureInfo.InvariantCulture)));
        await Store.SetPropertiesAsync(application, properties, ct);
        await UpdateAsync(application, secret, ct);
    }

    /// <summary>Until when the previous secret works, if a rotation left one that still does.</summary>
    public async ValueTask<DateTimeOffset?> PreviousSecretUntilAsync(OpenIddictEntityFrameworkCoreApplication application, CancellationToken ct)
    {
        var (previous, until) = await PreviousAsync(application, ct);
        return previous is not null && until > clock.GetUtcNow() ? until : null;
    }

    async ValueTask<(string? Hash, DateTimeOffset Until)> PreviousAsync(OpenIddictEntityFrameworkCoreApplication application, CancellationToken ct)
    {
        var properties = await Store.GetPropertiesAsync(application, ct);
        return properties.TryGetValue(PreviousSecret, out var hash) && hash.ValueKind == JsonValueKind.String
               && properties.TryGetValue(PreviousSecretUntil, out var until) && DateTimeOffset.TryParse(until.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var end)
            ? (hash.GetString(), end)
            : (null, DateTimeOffset.MinValue);
    }
}
