using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Persistence;

/// <summary>The failures of a save that mean "someone else got there first", told apart from every
/// other failure (which must surface as the fault it is, not as a conflict).</summary>
public static class DatabaseErrors
{
    /// <summary>A unique index refused the row (SQLSTATE 23505).</summary>
    public static bool IsUniqueViolation(this DbUpdateException e) =>
        e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <summary>A unique violation, or an optimistic-concurrency check that found the row changed.</summary>
    public static bool IsConflict(this DbUpdateException e) => e is DbUpdateConcurrencyException || e.IsUniqueViolation();
}
