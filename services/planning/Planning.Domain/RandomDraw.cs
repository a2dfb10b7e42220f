using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Planning.Domain;

public sealed record Inspector(string CertificateNo, string Name);

/// <summary>An inspector who must not inspect an enterprise (回避: kinship, prior employment, a
/// pending case).</summary>
public sealed record Recusal(string CertificateNo, string CreditCode);

public sealed record DrawRequest(string Seed, IReadOnlyList<string> Pool, int Enterprises, IReadOnlyList<Inspector> Roster, int Inspectors, IReadOnlyList<Recusal> Recusals);

public sealed record DrawResult(string AlgorithmVersion, string Seed, string PoolHash, int PoolSize, IReadOnlyList<string> Enterprises, IReadOnlyList<Inspector> Inspectors);

/// <summary>
/// The double random draw (双随机、一公开): enterprises from a pool and inspectors from a roster,
/// reproducible by anyone from what is published. Algorithm <c>draw/1</c>:
/// <list type="number">
/// <item>the pool is sorted by credit code (ordinal) and hashed: SHA-256 of the codes joined by
/// line feeds, lower-case hex;</item>
/// <item>random number <c>i</c> is the first 8 bytes, big-endian, of SHA-256(UTF-8 of
/// <c>seed + ":" + i</c>), for i = 0, 1, 2, … in order of use;</item>
/// <item>a partial Fisher–Yates shuffle of the sorted pool draws the enterprises (position j swaps
/// with j + r mod (n − j)); the roster, sorted by certificate number and without anyone recused
/// for a drawn enterprise, is drawn the same way, continuing the numbers.</item>
/// </list>
/// </summary>
public static class RandomDraw
{
    public const string AlgorithmVersion = "draw/1";

    public static DrawResult Run(DrawRequest request)
    {
        var pool = request.Pool.Distinct().Order(StringComparer.Ordinal).ToList();
        if (request.Enterprises < 1 || request.Enterprises > pool.Count)
            throw new ArgumentException($"Cannot draw {request.Enterprises} enterprises from a pool of {pool.Count}.");
        if (request.Inspectors < 2) throw new ArgumentException("At least two inspectors are drawn.");

        var counter = 0L;
        var enterprises = Shuffle(pool, request.Enterprises, request.Seed, ref counter);
        var drawn = enterprises.ToHashSet(StringComparer.Ordinal);
        var recused = request.Recusals.Where(r => drawn.Contains(r.CreditCode)).Select(r => r.CertificateNo).ToHashSet(StringComparer.Ordinal);
        var eligible = request.Roster.Where(i => !recused.Contains(i.CertificateNo)).DistinctBy(i => i.CertificateNo).OrderBy(i => i.CertificateNo, StringComparer.Ordinal).ToList();
        if (eligible.Count < request.Inspectors)
            throw new ArgumentException($"Only {eligible.Count} inspectors are eligible after recusals; {request.Inspectors} are needed.");
        var inspectors = Shuffle(eligible, request.Inspectors, request.Seed, ref counter);
        return new DrawResult(AlgorithmVersion, request.Seed, PoolHash(pool), pool.Count, enterprises.Order(StringComparer.Ordinal).ToList(), inspectors);
    }

    public static string PoolHash(IEnumerable<string> pool) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', pool.Distinct().Order(StringComparer.Ordinal)))));

    static List<T> Shuffle<T>(List<T> sorted, int take, string seed, ref long counter)
    {
        var items = sorted.ToArray();
        for (var j = 0; j < take; j++)
        {
            var k = j + (int)(Next(seed, counter++) % (ulong)(items.Length - j));
            (items[j], items[k]) = (items[k], items[j]);
        }
        return items.Take(take).ToList();
    }

    static ulong Next(string seed, long i) =>
        BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}:{i}")));
}
