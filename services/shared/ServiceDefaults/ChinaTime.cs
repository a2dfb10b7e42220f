namespace ServiceDefaults;

/// <summary>China has one time zone and no daylight saving: calendar days, deadlines and periods
/// are UTC+8 days. Instants are stored in UTC.</summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly Day(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>The UTC instant at which a Chinese calendar day begins.</summary>
    public static DateTimeOffset StartOfDay(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Offset).ToUniversalTime();
}
