using Npgsql;

namespace TestInfrastructure;

/// <summary>Reads a service's database directly: what is stored is the truth a test asserts.</summary>
public static class Sql
{
    /// <summary>A test's own reads wait for a connection as long as the test would wait for its effect: with every
    /// test project at once on two cores, PostgreSQL may take longer than Npgsql's default 15 s to accept one.</summary>
    static string Patient(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 120 }.ConnectionString;

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(Patient(connectionString));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default! : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T));
    }

    /// <summary>Rows of every table of a service's database (its inbox aside, which redeliveries may
    /// grow without any effect): what "nothing changed" is checked against.</summary>
    public static async Task<Dictionary<string, long>> TableCountsAsync(string connectionString)
    {
        var tables = (await ScalarAsync<string>(connectionString,
            "SELECT string_agg(table_name, ',') FROM information_schema.tables WHERE table_schema = 'public' AND table_name NOT LIKE '\\_\\_%' AND table_name <> 'inbox_messages'")).Split(',');
        var counts = new Dictionary<string, long>();
        foreach (var table in tables) counts[table] = await CountAsync(connectionString, table);
        return counts;
    }

    public static Task<long> CountAsync(string connectionString, string table, string where = "true", params object[] parameters) =>
        ScalarAsync<long>(connectionString, $"SELECT count(*) FROM {table} WHERE {where}", parameters);

    /// <summary>Counts with one list as $1 (<c>… = ANY($1)</c>). Passed to the <c>params</c> overload, a
    /// string[] would become one parameter per element.</summary>
    public static Task<long> CountAsync(string connectionString, string table, string where, string[] values) =>
        ScalarAsync<long>(connectionString, $"SELECT count(*) FROM {table} WHERE {where}", (object)values);

    /// <summary>Rows of a query, each read by <paramref name="row"/>.</summary>
    public static async Task<List<T>> RowsAsync<T>(string connectionString, string sql, Func<NpgsqlDataReader, T> row, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(Patient(connectionString));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(row(reader));
        return rows;
    }
}
