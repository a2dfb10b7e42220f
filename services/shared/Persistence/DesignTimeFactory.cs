using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Persistence;

/// <summary>Lets the EF tools build a service's model without starting the service: each service
/// declares <c>sealed class X : DesignTimeFactory&lt;XDb&gt;;</c>.</summary>
public abstract class DesignTimeFactory<TDb> : IDesignTimeDbContextFactory<TDb> where TDb : DbContext
{
    public TDb CreateDbContext(string[] args) =>
        (TDb)Activator.CreateInstance(typeof(TDb), new DbContextOptionsBuilder<TDb>().UseNpgsql("Host=localhost").UseSnakeCaseNamingConvention().Options)!;
}
