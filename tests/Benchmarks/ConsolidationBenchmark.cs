using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Planning.Contracts;
using Planning.Domain;
using Planning.Domain.Consolidation;
using Planning.Tests;
using ServiceDefaults;

namespace Benchmarks;

/// <summary>Issue 25, goal 1, in one run: the consolidation as it stood (the baseline kept in the
/// tests) beside today's on 100,000 items over 5,000 enterprises, without and with coupling limits,
/// and on 1,000,000 items over 50,000 enterprises; single-threaded, and today's also run in parallel
/// over enterprises. Each line checks that old and new results hash the same, byte for byte.</summary>
public static class ConsolidationBenchmark
{
    /// <summary><paramref name="Seconds"/>: CPU time of the process (user and system, GC included), the
    /// measure that holds on a shared machine; <paramref name="Wall"/>: elapsed time.</summary>
    sealed record Line(string Instance, string Run, double Seconds, double Wall, long Bytes, string Hash);

    public static void Run(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0]) : 3;
        var lines = new List<Line>();
        foreach (var (name, items, enterprises, limits) in new[]
        {
            ("100k, no limits", 100_000, 5_000, false),
            ("100k, limits", 100_000, 5_000, true),
            ("1M, no limits", 1_000_000, 50_000, false),
        })
        {
            var input = Instance(items, enterprises, limits);
            var big = items > 100_000;
            lines.Add(Measure(name, "old", () => BaselineConsolidator.Run(input), big ? 1 : runs));
            lines.Add(Measure(name, "new", () => Consolidator.Run(input), runs));
            lines.Add(Measure(name, "new, parallel", () => Consolidator.Run(input, parallel: true), runs));
            input = null;
            GC.Collect();
        }

        Console.WriteLine();
        Console.WriteLine("| Instance | Run | CPU (s) | Wall (s) | Allocated (MB) | CPU new/old | Allocation new/old | Same result |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---|");
        foreach (var line in lines)
        {
            var old = lines.First(l => l.Instance == line.Instance && l.Run == "old");
            Console.WriteLine($"| {line.Instance} | {line.Run} | {line.Seconds:F2} | {line.Wall:F2} | {line.Bytes / 1e6:F0} | {line.Seconds / old.Seconds:F2} | {(double)line.Bytes / old.Bytes:F2} | {(line.Hash == old.Hash ? "yes" : "NO")} |");
        }
        Console.WriteLine();
        foreach (var instance in lines.Select(l => l.Instance).Distinct())
        {
            var old = lines.First(l => l.Instance == instance && l.Run == "old");
            var @new = lines.First(l => l.Instance == instance && l.Run == "new");
            var sameEverywhere = lines.Where(l => l.Instance == instance).All(l => l.Hash == old.Hash);
            var goal = instance.StartsWith("1M")
                ? $"≤ 6 s single-threaded: {@new.Seconds:F2} CPU-s, {@new.Wall:F2} s elapsed ({(@new.Seconds <= 6 ? "met" : "NOT met")})"
                : $"time ≤ 1/3: {@new.Seconds / old.Seconds:F2} ({(@new.Seconds * 3 <= old.Seconds ? "met" : "NOT met")}), " +
                  $"allocation ≤ 1/5: {(double)@new.Bytes / old.Bytes:F2} ({(@new.Bytes * 5 <= old.Bytes ? "met" : "NOT met")})";
            Console.WriteLine($"{instance}: {goal}; same visits, bound and merge log: {(sameEverywhere ? "yes" : "NO")}");
        }
    }

    /// <summary>One warm-up run (whose result is hashed), then the median CPU time, elapsed time and
    /// allocation of the next <paramref name="runs"/>. The parallel run's CPU time is all its cores'.</summary>
    static Line Measure(string instance, string run, Func<ConsolidationResult> consolidate, int runs)
    {
        var hash = Hash(consolidate());
        var seconds = new List<double>();
        var wall = new List<double>();
        var bytes = new List<long>();
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            GC.KeepAlive(consolidate());
            watch.Stop();
            process.Refresh();
            seconds.Add((process.TotalProcessorTime - cpu).TotalSeconds);
            bytes.Add(GC.GetTotalAllocatedBytes(precise: true) - before);
            wall.Add(watch.Elapsed.TotalSeconds);
        }
        var line = new Line(instance, run, seconds.Order().ElementAt(runs / 2), wall.Order().ElementAt(runs / 2), bytes.Order().ElementAt(runs / 2), hash);
        Console.WriteLine($"// {instance}, {run}: {line.Seconds:F2} CPU-s, {line.Wall:F2} s, {line.Bytes / 1e6:F0} MB, result {hash[..12]}");
        return line;
    }

    /// <summary>Visits, merge log and figures (the lower bound among them) as the JSON the service
    /// stores, hashed without holding the text.</summary>
    public static string Hash(ConsolidationResult result)
    {
        using var sha = SHA256.Create();
        using (var stream = new CryptoStream(Stream.Null, sha, CryptoStreamMode.Write))
            JsonSerializer.Serialize(stream, result);
        return Convert.ToHexString(sha.Hash!);
    }

    public static ConsolidationInput Instance(int items, int enterprises, bool limits)
    {
        Period.TryParse("2026", out var year);
        var random = new Random(42);
        var agencies = Enumerable.Range(1, 17).Select(a => $"A{a:D2}").ToArray();
        var matters = agencies.SelectMany(a => Enumerable.Range(1, 6).Select(m => (Agency: a, Code: $"{a}-{m}", Mergeable: random.NextDouble() < 0.315))).ToArray();
        var declared = new List<DeclaredItem>(items);
        for (var i = 0; i < items; i++)
        {
            var matter = matters[random.Next(matters.Length)];
            var from = year.From.AddDays(random.Next(0, 330));
            declared.Add(new DeclaredItem($"D{i / 10:D6}", matter.Agency, matter.Code, $"E{random.Next(enterprises):D5}", from, from.AddDays(random.Next(5, 35)),
                matter.Mergeable, (MandateLevel)random.Next(4), (InspectionCategory)random.Next(5)));
        }
        var quiet = Enumerable.Range(0, enterprises).Where(e => e % 7 == 0).ToDictionary(e => $"E{e:D5}", e =>
            (IReadOnlyList<DateRange>)[new DateRange(year.From.AddDays(e % 300), year.From.AddDays(e % 300 + 10))]);
        var consolidationLimits = limits
            ? new ConsolidationLimits { MaxAgenciesPerJointVisit = 4, TeamsPerDay = agencies.ToDictionary(a => a, _ => 30), YearlyVisitCaps = agencies.ToDictionary(a => a, _ => 12) }
            : new ConsolidationLimits();
        return new ConsolidationInput(year, declared, quiet, Planning.Tests.Consolidation_properties.China2026(), consolidationLimits, matters.Length, matters.Count(m => m.Mergeable));
    }
}
