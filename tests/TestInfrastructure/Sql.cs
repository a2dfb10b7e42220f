using Npgsql;

namespace TestInfrastructure;

/// <summary>Reads a service's database directly: what is stored is the truth a test asserts.</summary>
public static class Sql
{
    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default! : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T));
    }

    public static Task<long> CountAsync(string connectionString, string table, string where = "true", params object[] parameters) =>
        ScalarAsync<long>(connectionString, $"SELECT count(*) FROM {table} WHERE {where}", parameters);
}
