using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ReadModels;

/// <summary>Where a service keeps its enterprises: its own database, and the type of its copy.</summary>
public abstract class EnterpriseViews(DbContext db)
{
    internal DbContext Db => db;

    internal abstract Task<EnterpriseView> FindOrAddAsync(string creditCode, CancellationToken ct);
}

sealed class EnterpriseViews<TView>(DbContext db) : EnterpriseViews(db) where TView : EnterpriseView, new()
{
    internal override async Task<EnterpriseView> FindOrAddAsync(string creditCode, CancellationToken ct) =>
        await Db.Set<TView>().FindOrAddAsync(creditCode, () => new TView { CreditCode = creditCode }, ct);
}

public static class EnterpriseReadModel
{
    /// <summary>Keeps planning's enterprises as <typeparamref name="TView"/> rows of
    /// <typeparamref name="TDb"/>, which maps them with <see cref="EnterpriseViewConfiguration{TView}"/>.
    /// The consumers keep the names each service's own had, so their queues and inbox rows stay the same.</summary>
    public static IBusRegistrationConfigurator AddEnterpriseViews<TDb, TView>(this IBusRegistrationConfigurator bus)
        where TDb : DbContext
        where TView : EnterpriseView, new()
    {
        bus.TryAddScoped<EnterpriseViews>(services => new EnterpriseViews<TView>(services.GetRequiredService<TDb>()));
        bus.AddConsumer<EnterpriseRegisteredConsumer>();
        bus.AddConsumer<EnterpriseChangedConsumer>();
        return bus;
    }
}
